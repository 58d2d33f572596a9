/*
 * Character devices and /dev. Device nodes in any file system open through chrdev_ops(): mem
 * devices (1,3 null; 1,5 zero; 1,7 full; 1,8 random; 1,9 urandom), the console (5,0 tty;
 * 5,1 console; 4,64 ttyS0, its UART, which can become a controlling terminal) and the real-time clock (254,0 rtc0, when the board has one), numbered as on
 * the reference Linux. /dev is a ramfs holding those nodes.
 *
 * random/urandom: a ChaCha20 keystream generator whose key is erased after each request
 * (the first 32 bytes of a fresh block become the next key). The seed mixes time CSR samples
 * taken at first use; writes are mixed into the key. It is not a hardware entropy source.
 */
#include "fs/internal.h"
#include "drivers/rtc/goldfish.h"
#include "errno.h"
#include "printk.h"
#include "riscv.h"
#include "string.h"

static ssize_t null_read(struct file *f, void *kbuf, size_t len, u64 *pos)
{
	return 0;
}

static ssize_t null_write(struct file *f, const void *kbuf, size_t len, u64 *pos)
{
	return (ssize_t)len;
}

static s64 null_llseek(struct file *f, s64 off, int whence)
{
	spin_lock(&f->pos_lock);
	f->pos = 0;
	spin_unlock(&f->pos_lock);
	return 0;
}

static ssize_t zero_read(struct file *f, void *kbuf, size_t len, u64 *pos)
{
	memset(kbuf, 0, len);
	*pos += len;
	return (ssize_t)len;
}

static ssize_t full_write(struct file *f, const void *kbuf, size_t len, u64 *pos)
{
	return -ENOSPC;
}

/* ---- ChaCha20 keystream (RFC 8439 block function) ---- */

static spinlock_t rng_lock = SPINLOCK_INIT("rng");
static u32 rng_key[8];	/* [rng_lock] */
static u64 rng_counter; /* [rng_lock] */
static bool rng_seeded; /* [rng_lock] */

static inline u32 rotl32(u32 v, int n)
{
	return (v << n) | (v >> (32 - n));
}

#define QR(a, b, c, d)                                                                             \
	do {                                                                                       \
		a += b;                                                                            \
		d = rotl32(d ^ a, 16);                                                             \
		c += d;                                                                            \
		b = rotl32(b ^ c, 12);                                                             \
		a += b;                                                                            \
		d = rotl32(d ^ a, 8);                                                              \
		c += d;                                                                            \
		b = rotl32(b ^ c, 7);                                                              \
	} while (0)

static void chacha_block(const u32 key[8], u64 counter, u32 out[16])
{
	u32 x[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

	memcpy(&x[4], key, 32);
	x[12] = (u32)counter;
	x[13] = (u32)(counter >> 32);
	x[14] = 0;
	x[15] = 0;
	memcpy(out, x, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QR(out[0], out[4], out[8], out[12]);
		QR(out[1], out[5], out[9], out[13]);
		QR(out[2], out[6], out[10], out[14]);
		QR(out[3], out[7], out[11], out[15]);
		QR(out[0], out[5], out[10], out[15]);
		QR(out[1], out[6], out[11], out[12]);
		QR(out[2], out[7], out[8], out[13]);
		QR(out[3], out[4], out[9], out[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] += x[i];
}

static void rng_seed_locked(void)
{
	for (int i = 0; i < 8; i++) {
		u64 t = rdtime();

		/* the low bits of successive samples differ by the loop's timing jitter */
		rng_key[i] ^= (u32)t ^ rotl32((u32)(t >> 32), i * 3 + 1) ^ (u32)(i * 0x9e3779b9u);
	}
	rng_seeded = true;
}

/* Fill @buf with @len bytes of keystream, then erase the key. Context: any. */
static void rng_fill(void *buf, size_t len)
{
	u32 block[16];
	char *p = buf;

	spin_lock(&rng_lock);
	if (!rng_seeded)
		rng_seed_locked();
	while (len) {
		size_t n = MIN(len, sizeof(block));

		chacha_block(rng_key, rng_counter++, block);
		memcpy(p, block, n);
		p += n;
		len -= n;
	}
	chacha_block(rng_key, rng_counter++, block);
	memcpy(rng_key, block, sizeof(rng_key));
	spin_unlock(&rng_lock);
	memset(block, 0, sizeof(block));
}

static ssize_t random_read(struct file *f, void *kbuf, size_t len, u64 *pos)
{
	rng_fill(kbuf, len);
	return (ssize_t)len;
}

static ssize_t random_write(struct file *f, const void *kbuf, size_t len, u64 *pos)
{
	const u8 *b = kbuf;

	spin_lock(&rng_lock);
	for (size_t i = 0; i < len; i++)
		rng_key[i % 8] = rotl32(rng_key[i % 8], 5) ^ b[i];
	spin_unlock(&rng_lock);
	return (ssize_t)len;
}

static const struct file_ops null_ops = {
	.read = null_read, .write = null_write, .llseek = null_llseek, .flags = FOP_WRITE_DISCARDS};
static const struct file_ops zero_ops = {
	.read = zero_read, .write = null_write, .llseek = null_llseek, .flags = FOP_WRITE_DISCARDS};
static const struct file_ops full_ops = {
	.read = zero_read, .write = full_write, .llseek = null_llseek};
static const struct file_ops random_ops = {
	.read = random_read, .write = random_write, .llseek = null_llseek};

const struct file_ops *chrdev_ops(u32 rdev)
{
	switch (rdev) {
	case MKDEV(1, 3):
		return &null_ops;
	case MKDEV(1, 5):
		return &zero_ops;
	case MKDEV(1, 7):
		return &full_ops;
	case MKDEV(1, 8):
	case MKDEV(1, 9):
		return &random_ops;
	case MKDEV(5, 0):
	case MKDEV(5, 1):
	case MKDEV(4, 64):
		return &tty_console_ops;
	case MKDEV(254, 0):
		return &rtc_file_ops;
	default:
		return NULL;
	}
}

static const struct {
	const char *name;
	u32 mode;
	u32 rdev;
} dev_nodes[] = {
	{"null", 0666, MKDEV(1, 3)},	{"zero", 0666, MKDEV(1, 5)},
	{"full", 0666, MKDEV(1, 7)},	{"random", 0666, MKDEV(1, 8)},
	{"urandom", 0666, MKDEV(1, 9)}, {"tty", 0666, MKDEV(5, 0)},
	{"console", 0600, MKDEV(5, 1)}, {"ttyS0", 0660, MKDEV(4, 64)},
	{"rtc0", 0600, MKDEV(254, 0)},
};

struct super_block *devfs_create_sb(void)
{
	struct super_block *sb = ramfs_create_sb("devtmpfs", 0755);
	struct path root;

	if (!sb)
		return NULL;
	root.mnt = NULL;
	root.dentry = sb->root;
	for (size_t i = 0; i < ARRAY_SIZE(dev_nodes); i++)
		if ((dev_nodes[i].rdev != MKDEV(254, 0) || rtc_present()) &&
		    vfs_create_child(&root, dev_nodes[i].name, strlen(dev_nodes[i].name),
				     S_IFCHR | dev_nodes[i].mode, dev_nodes[i].rdev, NULL, NULL))
			pr_warn("devfs: cannot create %s\n", dev_nodes[i].name);
	return sb;
}
