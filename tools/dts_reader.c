// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device-tree property access for the config compiler (see dts_reader.h).
 * A device tree blob keeps no types, so a value's type is judged from its
 * length and contents, and a mismatch is reported with what was found.
 */
#include "dts_reader.h"

#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void dts_error(struct dts_reader *rd, int node, const char *fmt, ...)
{
	char path[256];
	va_list ap;

	if (fdt_get_path(rd->fdt, node, path, sizeof(path)) < 0)
		strcpy(path, "?");
	fprintf(stderr, "%s: %s: ", rd->file, path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	rd->error_count++;
}

static int name_listed(const char *const *list, const char *name, size_t len)
{
	for (; list && *list; list++)
		if (strlen(*list) == len && !strncmp(*list, name, len))
			return 1;
	return 0;
}

static void append_list(char *buf, size_t size, const char *const *list)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; list && *list; list++)
		used += (size_t)snprintf(buf + used, used < size ? size - used : 0,
					 "%s%s", used ? ", " : "", *list);
	if (!used)
		snprintf(buf, size, "none");
}

const char *const DTS_ANY_CHILD[] = { NULL };

void dts_check_names(struct dts_reader *rd, int node,
		     const char *const *properties, const char *const *children)
{
	char expected[256];
	int offset, child;

	fdt_for_each_property_offset(offset, rd->fdt, node) {
		const char *name;

		fdt_getprop_by_offset(rd->fdt, offset, &name, NULL);
		if (name && !name_listed(properties, name, strlen(name))) {
			append_list(expected, sizeof(expected), properties);
			dts_error(rd, node, "unknown property '%s' (expected "
				  "one of: %s)", name, expected);
		}
	}
	if (children == DTS_ANY_CHILD)
		return;
	fdt_for_each_subnode(child, rd->fdt, node) {
		const char *name = fdt_get_name(rd->fdt, child, NULL);
		size_t base = strcspn(name, "@");

		if (!name_listed(children, name, base)) {
			append_list(expected, sizeof(expected), children);
			dts_error(rd, node, "unknown node '%s' (expected one "
				  "of: %s)", name, expected);
		}
	}
}

int dts_subnode(struct dts_reader *rd, int node, const char *name,
		int required)
{
	int child = fdt_subnode_offset(rd->fdt, node, name);

	if (child < 0) {
		if (required)
			dts_error(rd, node, "node '%s' is missing", name);
		return -1;
	}
	return child;
}

int dts_has(struct dts_reader *rd, int node, const char *name)
{
	return fdt_getprop(rd->fdt, node, name, NULL) != NULL;
}

static const uint8_t *get(struct dts_reader *rd, int node, const char *name,
			  int required, const char *expected, int *len)
{
	const uint8_t *value = fdt_getprop(rd->fdt, node, name, len);

	if (!value && required)
		dts_error(rd, node, "property '%s' is missing (expected %s)",
			  name, expected);
	return value;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/* Describes a value of the wrong type the way the user would recognise it. */
static void describe(char *buf, size_t size, const uint8_t *value, int len)
{
	int i, printable = len > 0 && value[len - 1] == '\0';

	for (i = 0; printable && i < len - 1; i++)
		if ((value[i] < 0x20 || value[i] > 0x7e) && value[i] != '\0')
			printable = 0;
	if (len == 0)
		snprintf(buf, size, "an empty property");
	else if (printable && value[0])
		snprintf(buf, size, "the string \"%s\"", (const char *)value);
	else
		snprintf(buf, size, "%d bytes", len);
}

static void wrong_type(struct dts_reader *rd, int node, const char *name,
		       const uint8_t *value, int len, const char *expected)
{
	char found[96];

	describe(found, sizeof(found), value, len);
	dts_error(rd, node, "property '%s' is %s (expected %s)", name, found,
		  expected);
}

/* Checks that @len bytes at @v are one or more NUL-terminated strings. */
static int is_string_list(const uint8_t *v, int len)
{
	int i;

	if (len == 0 || v[len - 1] != '\0' || v[0] == '\0')
		return 0;
	for (i = 0; i < len; i++) {
		if (v[i] == '\0' && i + 1 < len && v[i + 1] == '\0')
			return 0;
		if (v[i] && (v[i] < 0x20 || v[i] > 0x7e))
			return 0;
	}
	return 1;
}

int dts_u64(struct dts_reader *rd, int node, const char *name, int required,
	    uint64_t *out)
{
	static const char expected[] = "a number: <0x1000>, <0x1 0x0> or "
				       "/bits/ 64 <0x100000000>";
	int len;
	const uint8_t *v = get(rd, node, name, required, expected, &len);

	*out = 0;
	if (!v)
		return 0;
	if (len == 4) {
		*out = be32(v);
	} else if (len == 8) {
		*out = (uint64_t)be32(v) << 32 | be32(v + 4);
	} else {
		wrong_type(rd, node, name, v, len, expected);
		return 0;
	}
	return 1;
}

int dts_u32(struct dts_reader *rd, int node, const char *name, int required,
	    uint32_t *out)
{
	static const char expected[] = "one 32-bit number, like <33>";
	int len;
	const uint8_t *v = get(rd, node, name, required, expected, &len);

	*out = 0;
	if (!v)
		return 0;
	/* Small numbers start with a zero byte, so a string is a mistake. */
	if (len != 4 || is_string_list(v, len)) {
		wrong_type(rd, node, name, v, len, expected);
		return 0;
	}
	*out = be32(v);
	return 1;
}

int dts_u32_list(struct dts_reader *rd, int node, const char *name,
		 int required, uint32_t *out, unsigned int max,
		 unsigned int *count)
{
	static const char expected[] = "a list of 32-bit numbers, like <1 2>";
	int len, i;
	const uint8_t *v = get(rd, node, name, required, expected, &len);

	*count = 0;
	if (!v)
		return 0;
	if (len == 0 || len % 4 || is_string_list(v, len)) {
		wrong_type(rd, node, name, v, len, expected);
		return 0;
	}
	if ((unsigned)len / 4 > max) {
		dts_error(rd, node, "property '%s' has %d entries (expected at "
			  "most %u)", name, len / 4, max);
		return 0;
	}
	for (i = 0; i < len / 4; i++)
		out[i] = be32(v + 4 * i);
	*count = (unsigned)len / 4;
	return 1;
}

int dts_string(struct dts_reader *rd, int node, const char *name, int required,
	       char *out, size_t size)
{
	static const char expected[] = "a string, like \"rt\"";
	int len;
	const uint8_t *v = get(rd, node, name, required, expected, &len);

	memset(out, 0, size);
	if (!v)
		return 0;
	if (!is_string_list(v, len) || strlen((const char *)v) + 1 != (size_t)len) {
		wrong_type(rd, node, name, v, len, expected);
		return 0;
	}
	if ((size_t)len > size) {
		dts_error(rd, node, "property '%s' \"%s\" is %d characters long "
			  "(expected at most %zu)", name, (const char *)v,
			  len - 1, size - 1);
		return 0;
	}
	memcpy(out, v, (size_t)len);
	return 1;
}

static void names_of(char *buf, size_t size, const struct config_name *table)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; table->name; table++)
		used += (size_t)snprintf(buf + used, used < size ? size - used : 0,
					 "%s\"%s\"", used ? ", " : "",
					 table->name);
}

static int lookup(const struct config_name *table, const char *name,
		  uint32_t *out)
{
	for (; table->name; table++)
		if (!strcmp(table->name, name)) {
			*out = table->value;
			return 1;
		}
	return 0;
}

int dts_enum(struct dts_reader *rd, int node, const char *name, int required,
	     const struct config_name *table, uint32_t *out)
{
	char string[64], known[256];

	*out = 0;
	if (!dts_string(rd, node, name, required, string, sizeof(string)))
		return 0;
	if (lookup(table, string, out))
		return 1;
	names_of(known, sizeof(known), table);
	dts_error(rd, node, "property '%s' has unknown value \"%s\" (expected "
		  "one of %s)", name, string, known);
	return 0;
}

int dts_flags(struct dts_reader *rd, int node, const char *name, int required,
	      const struct config_name *table, uint32_t *out)
{
	static const char expected[] = "a list of strings, like \"read\", "
				       "\"write\"";
	char known[256];
	int len, ok = 1;
	const uint8_t *v = get(rd, node, name, required, expected, &len);
	const char *flag;

	*out = 0;
	if (!v)
		return 0;
	if (!is_string_list(v, len)) {
		wrong_type(rd, node, name, v, len, expected);
		return 0;
	}
	for (flag = (const char *)v; flag < (const char *)v + len;
	     flag += strlen(flag) + 1) {
		uint32_t bit;

		if (!lookup(table, flag, &bit)) {
			names_of(known, sizeof(known), table);
			dts_error(rd, node, "property '%s' has unknown flag "
				  "\"%s\" (expected any of %s)", name, flag,
				  known);
			ok = 0;
			continue;
		}
		if (*out & bit) {
			dts_error(rd, node, "property '%s' lists \"%s\" twice",
				  name, flag);
			ok = 0;
		}
		*out |= bit;
	}
	return ok;
}
