# kernel/syscall: the dispatcher, the tracer and the handlers; the table and the headers made
# from syscall.tbl by scripts/gen_syscalls.py (build/gen/syscall_{nr,protos,table,names}.h).
#
# Every object of kernel/syscall/*.c waits for the headers (order-only: they must exist before
# the first compile; afterwards the .d files carry the real dependency), and the headers are
# remade whenever the table, the generator or errno.h changes.
kernel-src += kernel/syscall/syscall.c kernel/syscall/sys_misc.c

SYSCALL_GEN := $(GEN)/syscall_nr.h $(GEN)/syscall_protos.h $(GEN)/syscall_table.h \
	$(GEN)/syscall_names.h
SYSCALL_GEN_DEPS := kernel/syscall/syscall.tbl scripts/gen_syscalls.py kernel/include/errno.h

$(SYSCALL_GEN) &: $(SYSCALL_GEN_DEPS) | $(GEN)/.stamp
	$(say) GEN build/gen/syscall_*.h
	$(Q)python3 scripts/gen_syscalls.py kernel/syscall/syscall.tbl kernel/include/errno.h $(GEN)

$(patsubst %.c,$(B)/%.o,$(wildcard kernel/syscall/*.c)): | $(SYSCALL_GEN)

# The table checked against the Linux UAPI header (testsuite/host/syscall_tbl_test.py); part
# of `make host-test`.
.PHONY: syscall-tbl-test
syscall-tbl-test: $(SYSCALL_GEN)
	@./testsuite/host/syscall_tbl_test.py $(GEN)
host-test: syscall-tbl-test
