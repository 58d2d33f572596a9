# testsuite/bench/build.mk - the microbenchmark programs of `make bench` (docs/bench.md), each
# built static with musl and with glibc (riscv64).
#
#   testsuite/bench/NAME.c  -> $(B)/bench/musl/NAME    static, musl
#                              $(B)/bench/glibc/NAME   static, glibc
#
#   make bench-progs        build them all
#   BENCH_PROGS_MUSL, BENCH_PROGS_GLIBC   the outputs (BENCH_PROGS: both)
# musl comes from $(B)/musl (scripts/musl.sh, run through the $(B)/musl/.stamp rule of
# testsuite/user/build.mk). Dependency files (.d beside each program) are read by the top Makefile.

BENCH_MUSL_CC := $(B)/musl/bin/musl-gcc
BENCH_MUSL_STAMP := $(B)/musl/.stamp
BENCH_GLIBC_CC ?= riscv64-linux-gnu-gcc
BENCH_CFLAGS := -O2 -Wall -Wextra -Werror -MMD -MP $(EXTRA_BENCH_CFLAGS)

bench-names := $(patsubst testsuite/bench/%.c,%,$(sort $(wildcard testsuite/bench/*.c)))
BENCH_PROGS_MUSL := $(addprefix $(B)/bench/musl/,$(bench-names))
BENCH_PROGS_GLIBC := $(addprefix $(B)/bench/glibc/,$(bench-names))
BENCH_PROGS := $(BENCH_PROGS_MUSL) $(BENCH_PROGS_GLIBC)

.PHONY: bench-progs
bench-progs: $(BENCH_PROGS)

$(BENCH_PROGS_MUSL): $(B)/bench/musl/%: testsuite/bench/%.c $(BENCH_MUSL_STAMP)
	@mkdir -p $(dir $@)
	$(BENCH_MUSL_CC) -static $(BENCH_CFLAGS) -o $@ $<

$(BENCH_PROGS_GLIBC): $(B)/bench/glibc/%: testsuite/bench/%.c
	@mkdir -p $(dir $@)
	$(BENCH_GLIBC_CC) -static $(BENCH_CFLAGS) -o $@ $<
