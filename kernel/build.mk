kernel-src += kernel/boot/entry.S kernel/boot/main.c kernel/boot/smp.c kernel/boot/cmdline.c \
	kernel/boot/selftest.c kernel/boot/power.c kernel/trap/entry.S kernel/trap/trap.c kernel/trap/irq.c \
	kernel/trap/probe.S kernel/time/timer.c kernel/sched/cpu.c kernel/sched/sched.c \
	kernel/sched/switch.S kernel/sched/wait.c kernel/lock/spinlock.c kernel/lock/mutex.c \
	kernel/lib/string.c kernel/lib/vsnprintf.c kernel/lib/printk.c kernel/lib/klog.c kernel/lib/panic.c \
	kernel/trap/user.c kernel/task/task.c kernel/task/proc.c kernel/task/proc_info.c kernel/task/clone.c \
	kernel/task/exec.c kernel/task/exit.c kernel/task/wait.c \
	kernel/signal/signal.c kernel/signal/deliver.c kernel/signal/itimer.c \
	kernel/signal/pgrp.c kernel/signal/sigwait.c kernel/syscall/sys_signal.c \
	kernel/syscall/sys_proc.c kernel/syscall/sys_sched.c kernel/syscall/sys_mm.c \
	kernel/syscall/sys_file.c kernel/syscall/sys_fd.c kernel/syscall/sys_fs.c kernel/syscall/getname.c

# clone3 argument checks and pidfds (kernel/task); clone_args.c also has a host test.
kernel-src += kernel/task/clone_args.c kernel/task/pidfd.c
host-srcs-clone_args_test := kernel/task/clone_args.c

# Offsets of struct fields for assembly.
$(GEN)/asm-offsets.h: kernel/asm-offsets.c kernel/task/task.h kernel/sched/cpu.h \
		kernel/trap/trapframe.h scripts/gen_asm_offsets.sh
	@mkdir -p $(GEN)
	$(CC) $(filter-out -MMD -MP,$(CFLAGS)) -S $< -o $(GEN)/asm-offsets.s
	./scripts/gen_asm_offsets.sh $(GEN)/asm-offsets.s > $@
include kernel/syscall/build.mk
include kernel/vdso/build.mk
include kernel/futex/build.mk
