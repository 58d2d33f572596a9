# kernel/futex: keys and hashed wait queues (core), wait/wake and wake-op, requeue, robust lists,
# and their system calls.
kernel-src += kernel/futex/core.c kernel/futex/waitwake.c kernel/futex/requeue.c \
	kernel/futex/robust.c kernel/syscall/sys_futex.c
