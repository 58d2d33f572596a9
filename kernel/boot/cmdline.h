/* Boot arguments (/chosen/bootargs): "key=value" and bare "flag" words. */
#ifndef KERNEL_BOOT_CMDLINE_H
#define KERNEL_BOOT_CMDLINE_H

#include "types.h"

/* cmdline_init - take a copy of @args and apply the early ones (loglevel=, hz=). Boot hart. */
void cmdline_init(const char *args);

/* cmdline_get - value of "key=value" (NUL-terminated copy in @buf), or NULL if absent. */
const char *cmdline_get(const char *key, char *buf, size_t size);

/* cmdline_has - true if the bare word @key or "key=..." is present. */
bool cmdline_has(const char *key);

/* cmdline_string - the whole command line as given. */
const char *cmdline_string(void);

#endif
