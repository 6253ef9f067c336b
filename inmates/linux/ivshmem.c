// SPDX-License-Identifier: GPL-2.0-only
/*
 * ivshmem [COUNT]: a Linux cell's side of a shared-memory link
 * (docs/ivshmem.md), with the stock uio_pci_generic driver and nothing
 * else of ours in the kernel. A static program without a C library (raw
 * system calls, raw.h) for the initramfs; /init runs it for
 * "init_ivshmem=COUNT" on the kernel command line.
 *
 * It finds the link device in sysfs (vendor and device IDs of
 * include/cellblock/ivshmem.h), binds uio_pci_generic to it through the
 * driver's new_id, maps BAR 0 (registers) and BAR 2 (the link's memory)
 * from the device's resource0 and resource2, and speaks the protocol of
 * inmates/demos/pingpong.c with the other peer of a two-peer link: both
 * publish state 1 when ready; then, COUNT times (default 3), it writes
 * "ping N" into its output section, rings the other's doorbell and waits
 * for the answer in the other's output section, woken by the device's
 * interrupt through /dev/uioN; it publishes state 2 when done. Each
 * message read is one line:
 *
 *   ivshmem: peer 1 says "echo ping 3"
 *
 * uio_pci_generic has no irqcontrol: its handler masks the line with the
 * command register's INTx disable bit, so after each interrupt this
 * program clears INT_STATUS and clears that bit again through the
 * device's sysfs config file. sysfs maps resourceN as device memory:
 * every access here is an aligned 32-bit volatile one, no memcpy.
 *
 * Exit status 0 when all messages went both ways, 1 after a line that
 * says what went wrong.
 */
#include <cellblock/ivshmem.h>

#include "raw.h"
#include "text.h"

#define AT_FDCWD -100
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_DIRECTORY 040000
#define O_SYNC 04010000
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 1
#define POLLIN 1
#define PAGE_SIZE 4096ul

#define PCI_DEVICES "/sys/bus/pci/devices"
#define NEW_ID "/sys/bus/pci/drivers/uio_pci_generic/new_id"
#define PCI_COMMAND 4
#define PCI_COMMAND_INTX_DISABLE 0x400u

#define STATE_READY 1
#define STATE_DONE 2
/* Virtual time under -icount: the bare-metal peer is up long before
   Linux is; an answer takes microseconds. */
#define PEER_TIMEOUT_MS 10000
#define ANSWER_TIMEOUT_MS 1000

/* Each output section starts with a message (pingpong.c's layout). */
#define MESSAGE_SEQUENCE 0
#define MESSAGE_TEXT 4
#define MESSAGE_TEXT_SIZE 28

struct link {
	char device[64];	 /* sysfs directory of the device */
	volatile uint32_t *regs; /* BAR 0 */
	volatile uint32_t *mem;	 /* BAR 2, the link's memory */
	uint32_t id, peers;
	uint64_t rw_size, output_size;
	int uio, config; /* file descriptors */
	unsigned int interrupts;
};

struct dirent64 {
	uint64_t ino;
	int64_t off;
	uint16_t reclen;
	uint8_t type;
	char name[];
};

static struct line out;

static void __attribute__((noreturn)) leave(int status)
{
	syscall3(SYS_EXIT, status, 0, 0);
	__builtin_unreachable();
}

/* "ivshmem: " + @what (+ the error number) as a line, then exit 1. */
static void __attribute__((noreturn)) fail(const char *what, long error)
{
	line_text(&out, "ivshmem: ");
	line_text(&out, what);
	if (error < 0) {
		line_text(&out, " (errno ");
		line_number(&out, (uint64_t)-error);
		line_char(&out, ')');
	}
	line_write(&out, 1);
	leave(1);
}

static void join(char *to, unsigned int size, const char *a, const char *b)
{
	unsigned int n = 0;

	while (*a && n < size - 2)
		to[n++] = *a++;
	to[n++] = '/';
	while (*b && n < size - 1)
		to[n++] = *b++;
	to[n] = '\0';
}

static long open_path(const char *path, long flags)
{
	return syscall3(SYS_OPENAT, AT_FDCWD, (long)path, flags);
}

/* The first bytes of @path as a string, or "" if it cannot be read. */
static void read_text(const char *path, char *buf, unsigned int size)
{
	long fd = open_path(path, O_RDONLY), n = -1;

	if (fd >= 0) {
		n = syscall3(SYS_READ, fd, (long)buf, size - 1);
		syscall3(SYS_CLOSE, fd, 0, 0);
	}
	buf[n > 0 ? n : 0] = '\0';
}

static int64_t read_hex(const char *dir, const char *file)
{
	char path[128], text[32];

	join(path, sizeof(path), dir, file);
	read_text(path, text, sizeof(text));
	return parse_hex(text);
}

/*
 * Calls @found(@context, DIR/NAME) for each entry of @dir not starting
 * with a dot until it returns nonzero; returns that, or 0.
 */
static int each_entry(const char *dir, int (*found)(void *, const char *),
		      void *context)
{
	static char buf[2048] __attribute__((aligned(8)));
	long fd = open_path(dir, O_RDONLY | O_DIRECTORY), n, at;
	char path[128];
	int done = 0;

	if (fd < 0)
		return 0;
	while (!done &&
	       (n = syscall3(SYS_GETDENTS64, fd, (long)buf, sizeof(buf))) > 0)
		for (at = 0; !done && at < n;
		     at += ((struct dirent64 *)(buf + at))->reclen) {
			const char *name =
			    ((struct dirent64 *)(buf + at))->name;

			if (name[0] == '.')
				continue;
			join(path, sizeof(path), dir, name);
			done = found(context, path);
		}
	syscall3(SYS_CLOSE, fd, 0, 0);
	return done;
}

static int is_link_device(void *context, const char *path)
{
	struct link *l = context;
	unsigned int i;

	if (read_hex(path, "vendor") != CB_IVSHMEM_VENDOR ||
	    read_hex(path, "device") != CB_IVSHMEM_DEVICE)
		return 0;
	for (i = 0; i < sizeof(l->device) - 1 && path[i]; i++)
		l->device[i] = path[i];
	l->device[i] = '\0';
	return 1;
}

/* The N of a "DEVICE/uio/uioN" entry, + 1 (0: none). */
static int uio_number(void *context, const char *path)
{
	const char *name = path;
	int64_t n;

	(void)context;
	for (const char *p = path; *p; p++)
		if (*p == '/')
			name = p + 1;
	if (name[0] != 'u' || name[1] != 'i' || name[2] != 'o')
		return 0;
	n = parse_decimal(name + 3);
	return n < 0 ? 0 : (int)n + 1;
}

static const char *device_name(const struct link *l)
{
	return l->device + sizeof(PCI_DEVICES);
}

/* Binds uio_pci_generic unless it is bound already; opens /dev/uioN. */
static void bind_uio(struct link *l)
{
	static const char id[] = "1234 cb01";
	char dir[96], path[32] = "/dev/uio";
	long fd, result;
	int uio;

	_Static_assert(CB_IVSHMEM_VENDOR == 0x1234 &&
			   CB_IVSHMEM_DEVICE == 0xcb01,
		       "new_id's text");
	join(dir, sizeof(dir), l->device, "uio");
	uio = each_entry(dir, uio_number, 0);
	if (!uio) {
		fd = open_path(NEW_ID, O_WRONLY);
		if (fd < 0)
			fail("cannot open " NEW_ID " (expected the module "
			     "uio_pci_generic loaded)",
			     fd);
		result = syscall3(SYS_WRITE, fd, (long)id, sizeof(id) - 1);
		syscall3(SYS_CLOSE, fd, 0, 0);
		if (result < 0)
			fail("writing \"1234 cb01\" to " NEW_ID " failed",
			     result);
		uio = each_entry(dir, uio_number, 0);
		if (!uio)
			fail("uio_pci_generic did not bind to the device (the "
			     "kernel's log says why)",
			     0);
	}
	{
		struct line name;

		name.length = 0;
		line_text(&name, path);
		line_number(&name, (uint64_t)(uio - 1));
		name.text[name.length] = '\0';
		l->uio = (int)open_path(name.text, O_RDWR);
		if (l->uio < 0)
			fail("cannot open /dev/uioN of the device", l->uio);
	}
	join(dir, sizeof(dir), l->device, "config");
	l->config = (int)open_path(dir, O_RDWR);
	if (l->config < 0)
		fail("cannot open the device's sysfs config", l->config);
	line_text(&out, "ivshmem: ");
	line_text(&out, device_name(l));
	line_text(&out, " bound to uio_pci_generic as uio");
	line_number(&out, (uint64_t)(uio - 1));
	line_write(&out, 1);
}

static volatile uint32_t *map_resource(const struct link *l, const char *file,
				       uint64_t size)
{
	char path[96];
	long fd, at;

	join(path, sizeof(path), l->device, file);
	fd = open_path(path, O_RDWR | O_SYNC);
	if (fd < 0)
		fail("cannot open the device's resource file", fd);
	at = syscall6(SYS_MMAP, 0, (long)size, PROT_READ | PROT_WRITE,
		      MAP_SHARED, fd, 0);
	syscall3(SYS_CLOSE, fd, 0, 0);
	if (at < 0 && at > -4096)
		fail("cannot map the device's resource file", at);
	return (volatile uint32_t *)at;
}

static uint64_t reg64(const struct link *l, unsigned int offset)
{
	return (uint64_t)l->regs[offset / 4 + 1] << 32 | l->regs[offset / 4];
}

static void map_link(struct link *l)
{
	uint64_t size;

	l->regs = map_resource(l, "resource0", CB_IVSHMEM_REG_SIZE);
	l->id = l->regs[CB_IVSHMEM_ID / 4];
	l->peers = l->regs[CB_IVSHMEM_PEERS / 4];
	l->rw_size = reg64(l, CB_IVSHMEM_RW_SIZE);
	l->output_size = reg64(l, CB_IVSHMEM_OUTPUT_SIZE);
	if (l->peers != 2 || l->id > 1 || l->output_size < 32)
		fail("expected a link of 2 peers with output sections of 32 "
		     "bytes or more",
		     0);
	/* Only the memory: the rest of BAR 2 is mapped in no cell. */
	size = l->regs[CB_IVSHMEM_STATE_TABLE_SIZE / 4] + l->rw_size +
	       l->peers * l->output_size;
	l->mem = map_resource(l, "resource2",
			      (size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
	line_text(&out, "ivshmem: peer ");
	line_number(&out, l->id);
	line_text(&out, " of 2, common section ");
	line_number(&out, l->rw_size);
	line_text(&out, " bytes, output sections ");
	line_number(&out, l->output_size);
	line_text(&out, " bytes");
	line_write(&out, 1);
}

static volatile uint32_t *output_of(const struct link *l, uint32_t peer)
{
	uint64_t offset = l->regs[CB_IVSHMEM_STATE_TABLE_SIZE / 4] +
			  l->rw_size + peer * l->output_size;

	return l->mem + offset / 4;
}

/*
 * Sleeps until the device interrupts, at most @ms milliseconds; returns
 * whether it did. Then clears INT_STATUS and lifts the INTx disable bit
 * uio_pci_generic's handler set, in that order: a doorbell after the
 * clear raises the line again once it is unmasked.
 */
static int wait_interrupt(struct link *l, unsigned int ms)
{
	struct {
		int fd;
		short events, revents;
	} poll = {l->uio, POLLIN, 0};
	struct {
		long sec, nsec;
	} timeout = {ms / 1000, (long)(ms % 1000) * 1000000};
	uint32_t count;
	uint16_t command;
	long n;

	n = syscall6(SYS_PPOLL, (long)&poll, 1, (long)&timeout, 0, 0, 0);
	if (n < 0)
		fail("ppoll on /dev/uioN failed", n);
	if (!n)
		return 0;
	if (syscall3(SYS_READ, l->uio, (long)&count, 4) != 4)
		fail("reading /dev/uioN failed", 0);
	l->interrupts++;
	l->regs[CB_IVSHMEM_INT_STATUS / 4] = CB_IVSHMEM_INT_PENDING;
	if (syscall6(SYS_PREAD64, l->config, (long)&command, 2, PCI_COMMAND, 0,
		     0) != 2)
		fail("reading the command register failed", 0);
	command &= (uint16_t)~PCI_COMMAND_INTX_DISABLE;
	if (syscall6(SYS_PWRITE64, l->config, (long)&command, 2, PCI_COMMAND, 0,
		     0) != 2)
		fail("writing the command register failed", 0);
	return 1;
}

static void wait_peer_state(struct link *l, uint32_t peer, uint32_t state)
{
	while (l->mem[peer] != state)
		if (!wait_interrupt(l, PEER_TIMEOUT_MS))
			fail("the other peer is not ready after 10 s", 0);
}

static void send(struct link *l, uint32_t to, uint32_t sequence)
{
	volatile uint32_t *message = output_of(l, l->id);
	struct line text;
	uint32_t result, word;
	unsigned int i, j;

	text.length = 0;
	line_text(&text, "ping ");
	line_number(&text, sequence);
	for (i = 0; i < MESSAGE_TEXT_SIZE; i += 4) {
		for (word = 0, j = 0; j < 4; j++)
			if (i + j < text.length)
				word |= (uint32_t)(uint8_t)text.text[i + j]
					<< 8 * j;
		message[(MESSAGE_TEXT + i) / 4] = word;
	}
	/* The sequence last (it says the text is whole), and all of it
	   before the doorbell, which is another mapping. */
	__asm__ volatile("dsb st" ::: "memory");
	message[MESSAGE_SEQUENCE / 4] = sequence;
	__asm__ volatile("dsb st" ::: "memory");
	l->regs[CB_IVSHMEM_DOORBELL / 4] = to << CB_IVSHMEM_DOORBELL_PEER_SHIFT;
	result = l->regs[CB_IVSHMEM_DOORBELL / 4];
	if (result != CB_IVSHMEM_DOORBELL_OK) {
		line_text(&out, "ivshmem: the doorbell to peer ");
		line_number(&out, to);
		line_text(&out, " reads back ");
		line_number(&out, result);
		line_text(&out, " (expected 0, OK; 4 is DOWN: the peer's cell "
				"is not running)");
		line_write(&out, 1);
		leave(1);
	}
}

static void receive(struct link *l, uint32_t from, uint32_t sequence)
{
	volatile uint32_t *message = output_of(l, from);
	unsigned int i;

	while (message[MESSAGE_SEQUENCE / 4] != sequence)
		if (!wait_interrupt(l, ANSWER_TIMEOUT_MS))
			fail("no answer from the other peer in 1 s", 0);
	__asm__ volatile("dsb ld" ::: "memory");
	line_text(&out, "ivshmem: peer ");
	line_number(&out, from);
	line_text(&out, " says \"");
	for (i = 0; i < MESSAGE_TEXT_SIZE; i++) {
		char c = (char)(message[(MESSAGE_TEXT + i) / 4] >> 8 * (i % 4));

		if (!c)
			break;
		line_char(&out, c >= ' ' && c <= '~' ? c : '?');
	}
	line_char(&out, '"');
	line_write(&out, 1);
}

static int ivshmem_main(long argc, char **argv)
{
	static struct link l;
	int64_t count = argc > 1 ? parse_decimal(argv[1]) : 3;
	uint32_t other;

	if (argc > 2 || count < 0) {
		line_text(&out, "usage: ivshmem [COUNT]");
		line_write(&out, 2);
		return 2;
	}
	if (!each_entry(PCI_DEVICES, is_link_device, &l))
		fail("no link device (1234:cb01) in " PCI_DEVICES, 0);
	bind_uio(&l);
	map_link(&l);
	other = 1 - l.id;
	l.regs[CB_IVSHMEM_INT_CONTROL / 4] = CB_IVSHMEM_INT_ENABLE;
	l.regs[CB_IVSHMEM_STATE / 4] = STATE_READY;
	wait_peer_state(&l, other, STATE_READY);
	for (uint32_t n = 1; n <= (uint32_t)count; n++) {
		send(&l, other, n);
		receive(&l, other, n);
	}
	l.regs[CB_IVSHMEM_STATE / 4] = STATE_DONE;
	line_text(&out, "ivshmem: ");
	line_number(&out, (uint64_t)count);
	line_text(&out, " messages each way, done");
	line_write(&out, 1);
	return 0;
}

void ivshmem_entry(long *stack) __attribute__((noreturn, used));

/* The kernel's initial stack: argc, then argv[] (ELF ABI). */
void ivshmem_entry(long *stack)
{
	leave(ivshmem_main(stack[0], (char **)(stack + 1)));
}

/* _start in assembly: the compiler may move sp before C could read it. */
__asm__(".globl _start\n"
	"_start:\n"
	"	mov x0, sp\n"
	"	b ivshmem_entry\n");
