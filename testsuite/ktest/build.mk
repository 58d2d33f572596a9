# In-kernel tests: the runner and the test files (KTEST(...) entries land in .ktest).
kernel-src += testsuite/ktest/ktest.c testsuite/ktest/mm_test.c
