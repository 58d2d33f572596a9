# Kestrel top-level Makefile: plain GNU make. Each folder's build.mk appends its sources.
#   make all      kernel-rv (ELF, entry 0x80200000), build/kernel.asm, build/kernel.sym
#   make run      boot in QEMU (the canonical command line of board/qemu-virt)
#   make gdb      QEMU halted with its gdbstub, gdb-multiarch attached
#   make test     every test; last line "N passed, N failed"
#   make image    raw binary: kernel-vf2.bin (BOARD=visionfive2), else build/kernel-$(BOARD).bin
#   make fmt / fmt-check, make clean
BOARD ?= qemu-virt
B := build
GEN := $(B)/gen

CROSS ?= riscv64-unknown-elf-
CC := $(CROSS)gcc
LD := $(CROSS)ld
OBJCOPY := $(CROSS)objcopy
OBJDUMP := $(CROSS)objdump
NM := $(CROSS)nm
HOSTCC ?= gcc

# Quiet build lines unless V=1.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say = @printf '  %-7s %s\n'
endif

# Tools the build needs; a missing one runs scripts/deps.sh once.
# (riscv64-linux-gnu-ld links the vDSO: the bare-metal linker cannot make shared objects.)
NEEDED_TOOLS := $(CC) qemu-system-riscv64 dtc riscv64-linux-gnu-ld
ifneq ($(MAKECMDGOALS),clean)
ifneq ($(MAKECMDGOALS),fmt)
$(foreach t,$(NEEDED_TOOLS),$(if $(shell command -v $(t) 2>/dev/null),,$(eval DEPS_MISSING := 1)))
ifdef DEPS_MISSING
$(info Installing missing build dependencies with scripts/deps.sh)
$(shell ./scripts/deps.sh >&2)
endif
endif
endif

ARCHFLAGS := -march=rv64imac_zicsr_zifencei -mabi=lp64 -mcmodel=medany
WARNFLAGS := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
CFLAGS := $(ARCHFLAGS) $(WARNFLAGS) -std=gnu11 -O2 -g -ffreestanding -fno-common \
	-fno-omit-frame-pointer -fno-stack-protector -fno-pie -nostdinc \
	-isystem $(shell $(CC) -print-file-name=include) \
	-I kernel/include -I kernel -I . -I $(GEN) -MMD -MP $(EXTRA_CFLAGS)
ASFLAGS := $(ARCHFLAGS) -g -D__ASSEMBLER__ -I kernel/include -I kernel -I . -I $(GEN) -MMD -MP
LDFLAGS := -nostdlib -static -no-pie -Wl,--no-dynamic-linker -Wl,-z,max-page-size=4096 \
	-Wl,--build-id=none -Wl,-e,0x80200000
ifdef DEBUG
CFLAGS += -DDEBUG
endif

# Filled by the build.mk files: kernel sources (.c/.S, paths from the repo root) and extra objects.
.DEFAULT_GOAL := all
kernel-src :=
kernel-extra-obj :=
host-tests :=
test-targets :=
include $(sort $(wildcard */build.mk))

kernel-obj := $(patsubst %.c,$(B)/%.o,$(patsubst %.S,$(B)/%.o,$(kernel-src))) $(kernel-extra-obj)

.PHONY: all run gdb test fmt fmt-check clean deps
all: kernel-rv $(B)/kernel.asm $(B)/kernel.sym

# make run / make gdb options: SMP=, MEM=, BIOS=default|dynamic|jump, APPEND=, INITRD=, DISK=
SMP ?= 1
MEM ?= 1G
BIOS ?= default
QEMU_OPTS = -p -s $(SMP) -m $(MEM) -b $(BIOS) $(if $(APPEND),-a "$(APPEND)") \
	$(if $(INITRD),-i $(INITRD)) $(if $(DISK),-d $(DISK))

# make run boots the BusyBox image ($(B)/rootfs.cpio, board/image.mk) unless INITRD= says
# otherwise (INITRD=none: no initramfs).
RUN_INITRD = $(if $(INITRD),$(filter-out none,$(INITRD)),$(ROOTFS_CPIO))
GDBPORT ?= $(shell expr `id -u` % 5000 + 25000)
GDB_ARGS ?=

run: all $(if $(INITRD),,rootfs)
	./scripts/qemu.sh -p -s $(SMP) -m $(MEM) -b $(BIOS) $(if $(APPEND),-a "$(APPEND)") \
		$(if $(RUN_INITRD),-i $(RUN_INITRD)) $(if $(DISK),-d $(DISK))

gdb: all
	sed "s/@PORT@/$(GDBPORT)/" scripts/gdbinit.tmpl > .gdbinit
	@echo "QEMU halted with its gdbstub on port $(GDBPORT); gdb-multiarch attaches."
	./scripts/qemu.sh $(QEMU_OPTS) -g $(GDBPORT) </dev/null > $(B)/gdb-console.log 2>&1 & \
		qpid=$$!; echo "console output: $(B)/gdb-console.log"; sleep 0.5; \
		gdb-multiarch -nx -x .gdbinit $(GDB_ARGS); kill $$qpid 2>/dev/null; true

# Microbenchmarks: ns/op on Kestrel and, when the reference Linux is there, the ratio to it.
# `make bench` measures with one hart and with two; BENCH_SMP=1 (or 2) for one of them.
BENCH_SMP ?= 1 2
.PHONY: bench
bench: kernel-rv bench-progs
	@for s in $(BENCH_SMP); do ./scripts/bench.sh -s $$s || exit 1; done

# Everything the tests use is built first; scripts/run-tests.sh runs the suites and prints
# "N passed, N failed" last.
test: all user-progs busybox
	./scripts/run-tests.sh

deps:
	./scripts/deps.sh

$(B)/%.o: %.c | $(GEN)/.stamp
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(B)/%.o: %.S $(GEN)/asm-offsets.h | $(GEN)/.stamp
	@mkdir -p $(dir $@)
	$(say) AS $<
	$(Q)$(CC) $(ASFLAGS) -c $< -o $@

$(GEN)/.stamp:
	@mkdir -p $(GEN) && touch $@

LIBGCC := $(shell $(CC) -march=rv64imac -mabi=lp64 -print-libgcc-file-name)
KLINK = $(CC) $(CFLAGS) $(LDFLAGS) -Wl,--no-relax -T kernel/kernel.ld

# Two link passes: the second adds the symbol table for backtraces (scripts/gen_ksyms.sh). The
# table lies after .text, so text addresses are the same in both passes.
kernel-rv: $(kernel-obj) kernel/kernel.ld scripts/gen_ksyms.sh
	$(say) LD $@
	$(Q)./scripts/gen_ksyms.sh - > $(GEN)/ksyms0.S
	$(Q)$(CC) $(ASFLAGS) -c $(GEN)/ksyms0.S -o $(B)/ksyms0.o
	$(Q)$(KLINK) -o $(B)/kernel.stage1 $(kernel-obj) $(B)/ksyms0.o $(LIBGCC)
	$(Q)./scripts/gen_ksyms.sh $(B)/kernel.stage1 $(NM) > $(GEN)/ksyms.S
	$(Q)$(CC) $(ASFLAGS) -c $(GEN)/ksyms.S -o $(B)/ksyms.o
	$(Q)$(KLINK) -o $@ $(kernel-obj) $(B)/ksyms.o $(LIBGCC)

include board/image.mk

$(B)/kernel.asm: kernel-rv
	$(say) OBJDUMP $@
	$(Q)$(OBJDUMP) -S $< > $@

$(B)/kernel.sym: kernel-rv
	$(Q)$(NM) -n $< | awk '{ print $$1, $$3 }' > $@

fmt:
	./scripts/fmt.sh

fmt-check:
	./scripts/fmt.sh --check

clean:
	rm -rf $(B) kernel-rv kernel-vf2.bin .gdbinit

# Dependency files of our own objects and programs; not those in the third-party source and build
# trees (build/src, build/*-work, the installed musl and busybox).
-include $(shell find $(B) \( -path '$(B)/src' -o -path '$(B)/*-work' -o -path '$(B)/musl' \
	-o -path '$(B)/busybox' \) -prune -o -type f -name '*.d' -print 2>/dev/null)
