/* Linux errno values (asm-generic numbering), as the riscv64 syscall ABI returns them. */
#ifndef KERNEL_INCLUDE_ERRNO_H
#define KERNEL_INCLUDE_ERRNO_H

#define EPERM		1   /* Operation not permitted */
#define ENOENT		2   /* No such file or directory */
#define ESRCH		3   /* No such process */
#define EINTR		4   /* Interrupted system call */
#define EIO		5   /* I/O error */
#define ENXIO		6   /* No such device or address */
#define E2BIG		7   /* Argument list too long */
#define ENOEXEC		8   /* Exec format error */
#define EBADF		9   /* Bad file number */
#define ECHILD		10  /* No child processes */
#define EAGAIN		11  /* Try again */
#define ENOMEM		12  /* Out of memory */
#define EACCES		13  /* Permission denied */
#define EFAULT		14  /* Bad address */
#define ENOTBLK		15  /* Block device required */
#define EBUSY		16  /* Device or resource busy */
#define EEXIST		17  /* File exists */
#define EXDEV		18  /* Cross-device link */
#define ENODEV		19  /* No such device */
#define ENOTDIR		20  /* Not a directory */
#define EISDIR		21  /* Is a directory */
#define EINVAL		22  /* Invalid argument */
#define ENFILE		23  /* File table overflow */
#define EMFILE		24  /* Too many open files */
#define ENOTTY		25  /* Not a typewriter */
#define ETXTBSY		26  /* Text file busy */
#define EFBIG		27  /* File too large */
#define ENOSPC		28  /* No space left on device */
#define ESPIPE		29  /* Illegal seek */
#define EROFS		30  /* Read-only file system */
#define EMLINK		31  /* Too many links */
#define EPIPE		32  /* Broken pipe */
#define EDOM		33  /* Math argument out of domain */
#define ERANGE		34  /* Math result not representable */
#define EDEADLK		35  /* Resource deadlock would occur */
#define ENAMETOOLONG	36  /* File name too long */
#define ENOLCK		37  /* No record locks available */
#define ENOSYS		38  /* Invalid system call number */
#define ENOTEMPTY	39  /* Directory not empty */
#define ELOOP		40  /* Too many symbolic links encountered */
#define ENOMSG		42  /* No message of desired type */
#define EIDRM		43  /* Identifier removed */
#define ENOSTR		60  /* Device not a stream */
#define ENODATA		61  /* No data available */
#define ETIME		62  /* Timer expired */
#define EOVERFLOW	75  /* Value too large for defined data type */
#define EBADFD		77  /* File descriptor in bad state */
#define EILSEQ		84  /* Illegal byte sequence */
#define ERESTART	85  /* Interrupted system call should be restarted */
#define EUSERS		87  /* Too many users */
#define ENOTSOCK	88  /* Socket operation on non-socket */
#define EDESTADDRREQ	89  /* Destination address required */
#define EMSGSIZE	90  /* Message too long */
#define EPROTOTYPE	91  /* Protocol wrong type for socket */
#define ENOPROTOOPT	92  /* Protocol not available */
#define EPROTONOSUPPORT 93  /* Protocol not supported */
#define EOPNOTSUPP	95  /* Operation not supported on transport endpoint */
#define EAFNOSUPPORT	97  /* Address family not supported by protocol */
#define EADDRINUSE	98  /* Address already in use */
#define EADDRNOTAVAIL	99  /* Cannot assign requested address */
#define ENETUNREACH	101 /* Network is unreachable */
#define ECONNABORTED	103 /* Software caused connection abort */
#define ECONNRESET	104 /* Connection reset by peer */
#define ENOBUFS		105 /* No buffer space available */
#define EISCONN		106 /* Transport endpoint is already connected */
#define ENOTCONN	107 /* Transport endpoint is not connected */
#define ETIMEDOUT	110 /* Connection timed out */
#define ECONNREFUSED	111 /* Connection refused */
#define EALREADY	114 /* Operation already in progress */
#define EINPROGRESS	115 /* Operation now in progress */
#define ESTALE		116 /* Stale file handle */
#define EDQUOT		122 /* Quota exceeded */
#define ECANCELED	125 /* Operation Canceled */
#define EOWNERDEAD	130 /* Owner died */
#define ENOTRECOVERABLE 131 /* State not recoverable */

#define EWOULDBLOCK EAGAIN
#define ENOTSUP	    EOPNOTSUPP

/* Kernel-internal: never seen by user space. */
#define ERESTARTSYS	      512
#define ERESTARTNOINTR	      513
#define ERESTARTNOHAND	      514
#define ERESTART_RESTARTBLOCK 516

#endif
