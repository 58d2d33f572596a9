# In-kernel tests: the runner and the test files (KTEST(...) entries land in .ktest).
kernel-src += testsuite/ktest/ktest.c testsuite/ktest/mm_test.c testsuite/ktest/sched_test.c \
	testsuite/ktest/kmap_test.c
kernel-src += testsuite/ktest/uaccess_test.c testsuite/ktest/mm_user_test.c
kernel-src += testsuite/ktest/fs_test.c testsuite/ktest/vdso_test.c
kernel-src += testsuite/ktest/futex_test.c
