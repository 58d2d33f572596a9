/* cpio newc parsing and writing (see cpio.h). */
#include "fs/cpio.h"
#include "compiler.h"
#include "errno.h"
#include "string.h"

#define ALIGN4(x) (((x) + 3) & ~(size_t)3)

static bool hex8(const char *s, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = (u32)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (u32)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (u32)(c - 'A' + 10);
		else
			return false;
		v = (v << 4) | d;
	}
	*out = v;
	return true;
}

int cpio_next(const void *buf, size_t len, size_t *off, struct cpio_entry *e)
{
	const char *b = buf;

	for (;;) {
		size_t o = *off, name_end, data_off;
		u32 f[13];

		/* padding between archives: zero bytes up to the next header */
		while (o < len && b[o] == '\0')
			o++;
		if (o >= len) {
			*off = len;
			return 0;
		}
		o &= ~(size_t)3; /* headers start 4-aligned; a 0 run can only end on one */
		if (len - o < CPIO_HDR_LEN)
			return -EINVAL;
		if (memcmp(b + o, "07070", 5) != 0 || (b[o + 5] != '1' && b[o + 5] != '2'))
			return -EINVAL;
		for (int i = 0; i < 13; i++)
			if (!hex8(b + o + 6 + 8 * i, &f[i]))
				return -EINVAL;
		e->ino = f[0];
		e->mode = f[1];
		e->uid = f[2];
		e->gid = f[3];
		e->nlink = f[4];
		e->mtime = f[5];
		e->size = f[6];
		e->devmajor = f[7];
		e->devminor = f[8];
		e->rdevmajor = f[9];
		e->rdevminor = f[10];
		/* f[11] is the name size with its NUL; f[12] the checksum (not verified) */
		if (f[11] == 0 || f[11] > len - o - CPIO_HDR_LEN)
			return -EINVAL;
		name_end = o + CPIO_HDR_LEN + f[11];
		if (b[name_end - 1] != '\0')
			return -EINVAL;
		e->name = b + o + CPIO_HDR_LEN;
		e->namelen = f[11] - 1;
		data_off = ALIGN4(name_end);
		if (data_off > len || e->size > len - data_off)
			return -EINVAL;
		e->data = b + data_off;
		*off = MIN(ALIGN4(data_off + e->size), len);
		if (e->namelen == 10 && memcmp(e->name, "TRAILER!!!", 10) == 0)
			continue;
		return 1;
	}
}

static void put_hex8(char *s, u32 v)
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 7; i >= 0; i--) {
		s[i] = digits[v & 15];
		v >>= 4;
	}
}

int cpio_put(void *buf, size_t cap, size_t *off, const char *name, u32 mode, u32 rmajor, u32 rminor,
	     const void *data, size_t size)
{
	static u32 next_ino = 1000;
	size_t nsz = strlen(name) + 1;
	size_t name_end = *off + CPIO_HDR_LEN + nsz;
	size_t total = ALIGN4(ALIGN4(name_end) + size);
	char *b = buf, *h;
	u32 f[13] = {next_ino++, mode, 0, 0, 1, 0, (u32)size, 0, 0, rmajor, rminor, (u32)nsz, 0};

	if (total > cap)
		return -ENOSPC;
	h = b + *off;
	memcpy(h, "070701", 6);
	for (int i = 0; i < 13; i++)
		put_hex8(h + 6 + 8 * i, f[i]);
	memcpy(h + CPIO_HDR_LEN, name, nsz);
	memset(b + name_end, 0, ALIGN4(name_end) - name_end);
	if (size)
		memcpy(b + ALIGN4(name_end), data, size);
	memset(b + ALIGN4(name_end) + size, 0, total - (ALIGN4(name_end) + size));
	*off = total;
	return 0;
}

int cpio_put_trailer(void *buf, size_t cap, size_t *off)
{
	return cpio_put(buf, cap, off, "TRAILER!!!", 0, 0, 0, NULL, 0);
}
