/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What `cellblock image` packs, as read from its command line: shared by
 * the packer (image_cmd.c) and the Linux boot layout (image_linux.c).
 */
#ifndef CELLBLOCK_IMAGE_BUILD_H
#define CELLBLOCK_IMAGE_BUILD_H

#include <cellblock/image.h>

#include <stddef.h>
#include <stdint.h>

/* What a blob is for, beyond its kind: the parts of a Linux boot. */
enum input_role {
	ROLE_PLAIN = 0,		/* a config, or a --payload */
	ROLE_KERNEL,		/* --linux: an arm64 Image */
	ROLE_INITRD,		/* --initrd */
	ROLE_DTB,		/* --dtb FILE, or generated (path NULL) */
};

/* One blob to pack, from the command line. */
struct input {
	const char *path;
	uint32_t kind;		/* enum cb_image_blob_kind */
	enum input_role role;
	uint64_t load_address;
	const char *params;	/* payload parameters, NULL for none */
	const char *bootargs;	/* ROLE_KERNEL: --bootargs, NULL for none */
	int dtb_given;		/* ROLE_DTB: --dtb was given */
	void *data;
	size_t size;
};

struct build {
	const char *output;
	const char *hypervisor;
	struct input *input;	/* [0] the system config, then the cells */
	unsigned int count;
	unsigned int cells;
	unsigned int kernel_at;	/* the current cell's --linux input, or 0 */
};

/** image_usage_error() - "cellblock image: MESSAGE" and the usage, on
 * stderr (just the usage with @fmt NULL); returns EXIT_USAGE. */
int image_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/** input_is_source() - a config given as device-tree source (.dts), which
 * the command compiles and checks itself. */
int input_is_source(const struct input *in);

/** parse_linux() - `--linux FILE`: the current cell's kernel, and the place
 * of its device tree right after it (generated unless --dtb names one).
 * Returns 0, or EXIT_USAGE after saying why. */
int parse_linux(const char *path, struct build *b);

/** parse_linux_part() - `--initrd`, `--bootargs` or `--dtb` @option with
 * @arg, for the current cell's --linux. Returns 0 or EXIT_USAGE. */
int parse_linux_part(const char *option, const char *arg, struct build *b);

/**
 * linux_layout() - place the Linux boot of the cell whose config is
 * b->input[@cell_at] (its kernel, DTB and initrd inputs follow it): the
 * kernel at the cell's entry as the arm64 boot protocol wants it, the
 * initrd after the kernel's image_size, the device tree after that, all in
 * the kernel's loadable region; the device tree is generated unless given.
 * The system config is b->input[0]. Every input's data has been read.
 * Return: 0, or 1 after printing why (naming the file and the cell).
 */
int linux_layout(struct build *b, unsigned int cell_at);

/**
 * image_relocate() - moves the hypervisor @hv (@hv_size bytes, the packer's
 * copy) to the start of @system's /hypervisor region when the region does
 * not hold the image, @span bytes and the page pool's minimum, at its link
 * address but does at its start (include/cellblock/image.h).
 * Return: 0 (relocated or left as it was), or -1 after saying why, naming
 * @path.
 */
int image_relocate(const char *path, uint8_t *hv, size_t hv_size,
		   const struct input *system, uint64_t span);

#endif /* CELLBLOCK_IMAGE_BUILD_H */
