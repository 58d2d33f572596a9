# The VFS and in-memory file systems (see fs/README.md).
kernel-src += fs/dcache.c fs/mount.c fs/namei.c fs/file.c fs/fsops.c fs/rename.c fs/readdir.c \
	fs/fdtable.c fs/ramfs.c fs/devfs.c fs/tty.c fs/tty_job.c fs/pipe.c fs/procfs.c fs/proc_pid.c fs/cpio.c \
	fs/initramfs.c fs/fs_init.c fs/statfs.c

# Host unit tests (testsuite/host/cpio_test.c).
host-srcs-cpio_test := fs/cpio.c
