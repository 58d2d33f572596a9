/*
 * System call entry: the dispatcher the user trap path calls for an ecall from U-mode, and the
 * built-in tracer (boot argument strace=). The list of calls is kernel/syscall/syscall.tbl;
 * the handlers' prototypes are generated into build/gen/syscall_protos.h.
 */
#ifndef KERNEL_SYSCALL_SYSCALL_H
#define KERNEL_SYSCALL_SYSCALL_H

struct trapframe;

/*
 * syscall_dispatch - run the system call described by @tf (number in a7, arguments a0..a5) and
 * leave its result, a value or -Exxx, in tf->a0.
 *
 * Before the handler runs, tf->orig_a0 keeps a0 (for syscall restarts) and tf->sepc is moved
 * past the ecall. So a handler that sets a new user context (execve, rt_sigreturn) just writes
 * tf->sepc and the other registers; note that the dispatcher still writes the handler's return
 * value into tf->a0 afterwards, so such a handler returns the a0 it wants the user to see
 * (execve: 0; rt_sigreturn: the restored a0). A restart (-ERESTART*) is undone by the signal
 * code on the way out: a0 = orig_a0, sepc -= 4.
 * Numbers outside the table or without a handler give -ENOSYS and one log line per number per
 * boot ("syscall: unimplemented NAME (N) called by tid T", at warning level).
 * Context: process context of the calling task, interrupts as the trap path left them; the
 * handler may sleep.
 */
void syscall_dispatch(struct trapframe *tf);

/*
 * strace_init - read the boot argument strace=all or strace=NAME,NAME,... once. Traced calls
 * then print "TID NAME(ARGS) = RESULT" on the console (whatever the loglevel), e.g.
 * "3 openat(-100, "/etc/passwd", 0x80000, 0) = -2 ENOENT". Context: boot hart, after
 * cmdline_init, before the first user process.
 */
void strace_init(void);

#endif
