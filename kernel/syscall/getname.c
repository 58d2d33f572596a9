/* getname/putname: user path names copied into kernel buffers. */
#include "syscall/getname.h"
#include "compiler.h"
#include "errno.h"
#include "fs/vfs.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"

char *getname(uaddr_t upath)
{
	char *name = kmalloc(PATH_MAX);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, upath, PATH_MAX);
	if (len < 0) {
		kfree(name);
		return ERR_PTR(len);
	}
	if (len >= PATH_MAX) {
		kfree(name);
		return ERR_PTR(-ENAMETOOLONG);
	}
	return name;
}

void putname(char *name)
{
	if (name && !IS_ERR(name))
		kfree(name);
}
