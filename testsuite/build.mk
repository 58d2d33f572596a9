# testsuite/build.mk - the test suite's make rules, included by the top Makefile (one level).
# Pulls in the rules of each part that exists: user programs, benchmarks, BusyBox, host tests,
# in-kernel tests.
include testsuite/user/build.mk
include testsuite/bench/build.mk
include testsuite/busybox/build.mk
-include $(wildcard testsuite/host/build.mk testsuite/ktest/build.mk)
