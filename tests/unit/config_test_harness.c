// SPDX-License-Identifier: GPL-2.0-only
/*
 * Harness for the validator's unit tests (see config_test_harness.h).
 * Usage: config_check_test FIXTURE_DIR, where FIXTURE_DIR holds system.cell,
 * a.cell, b.cell, system-root.cell and rt.cell.
 */
#include "config_test_harness.h"

#include "crc32.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PROBLEMS 256
#define MAX_REPEAT 64u	/* set->repeat: up to the format's CB_MAX_CELLS */

struct problem {
	int which;
	char where[96];
	char what[256];
};

static struct {
	struct problem problem[MAX_PROBLEMS];
	unsigned count;
} seen;

static unsigned checks;		/* assertions made by the current test */
static int failed;		/* the current test has failed */
static char failure[256];	/* its first failed assertion */
static char failure_detail[4096];	/* what the validator said then */

static const char *fixture_dir;
static struct set current;

static void *load(const char *name, size_t *size)
{
	char path[512];
	FILE *f;
	long length;
	void *blob;

	snprintf(path, sizeof(path), "%s/%s", fixture_dir, name);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (length = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "cannot read fixture %s\n", path);
		exit(2);
	}
	blob = malloc((size_t)length);
	if (!blob || fread(blob, 1, (size_t)length, f) != (size_t)length)
		exit(2);
	fclose(f);
	*size = (size_t)length;
	return blob;
}

static void set_load(struct set *set, enum fixture fixture)
{
	static const char *const rootless[] = { "system.cell", "a.cell",
						"b.cell" };
	static const char *const rooted[] = { "system-root.cell", "rt.cell" };
	const char *const *names = fixture == ROOTLESS ? rootless : rooted;
	unsigned i;

	memset(set, 0, sizeof(*set));
	set->fixture = fixture;
	set->count = fixture == ROOTLESS ? 3 : 2;
	for (i = 0; i < set->count; i++)
		set->blob[i] = load(names[i], &set->size[i]);
}

static void set_free(struct set *set)
{
	unsigned i;

	for (i = 0; i < set->count; i++)
		free(set->blob[i]);
}

struct cb_system_config *system_of(struct set *set)
{
	return set->blob[SYSTEM];
}

struct cb_cell_config *cell_of(struct set *set, int which)
{
	if (which == ROOT_CELL)
		return (struct cb_cell_config *)cb_system_root_cell(
			system_of(set));
	return set->blob[which];
}

struct cb_memory_region *region_of(struct set *set, int which,
				   const char *name)
{
	struct cb_cell_config *c = cell_of(set, which);
	struct cb_memory_region *r = (struct cb_memory_region *)(c + 1);
	unsigned i;

	for (i = 0; i < c->region_count; i++)
		if (!strcmp(r[i].name, name))
			return &r[i];
	fprintf(stderr, "fixture has no region %s\n", name);
	exit(2);
}

uint32_t *interrupts_of(struct set *set, int which)
{
	struct cb_cell_config *c = cell_of(set, which);

	return (uint32_t *)((struct cb_memory_region *)(c + 1) +
			    c->region_count);
}

struct cb_link *link_of(struct set *set, const char *name)
{
	struct cb_system_config *s = system_of(set);
	struct cb_link *l = (struct cb_link *)cb_system_links(s);
	unsigned i;

	for (i = 0; i < s->link_count; i++)
		if (!strcmp(l[i].name, name))
			return &l[i];
	fprintf(stderr, "fixture has no link %s\n", name);
	exit(2);
}

/* Grows or shrinks the link array by @delta entries, moving the root cell
   that follows it. */
static void resize_links(struct set *set, int delta)
{
	struct cb_system_config *s = system_of(set);
	size_t root = s->root_cell_size, size = set->size[SYSTEM];
	size_t at = (size_t)((const char *)(cb_system_links(s) +
					    s->link_count) - (const char *)s);
	long bytes = delta * (long)sizeof(struct cb_link);

	if (bytes > 0)
		resize(set, SYSTEM, size + (size_t)bytes);
	s = system_of(set);
	memmove((char *)s + at + bytes, (char *)s + at, root);
	if (bytes > 0)
		memset((char *)s + at, 0, (size_t)bytes);
	else
		resize(set, SYSTEM, size - (size_t)-bytes);
	s = system_of(set);
	s->link_count = (uint32_t)((int)s->link_count + delta);
	s->header.total_size = (uint32_t)set->size[SYSTEM];
}

struct cb_link *add_link(struct set *set, const char *name)
{
	struct cb_link *l;

	resize_links(set, 1);
	l = (struct cb_link *)cb_system_links(system_of(set));
	l[system_of(set)->link_count - 1] = l[0];
	set_name(l[system_of(set)->link_count - 1].name, name);
	return &l[system_of(set)->link_count - 1];
}

void drop_links(struct set *set)
{
	resize_links(set, -(int)system_of(set)->link_count);
}

/* The manage list ends the cell's blob, and the root cell the system's. */
void set_manages(struct set *set, int which, const char *const *names,
		 unsigned count)
{
	int blob = which == ROOT_CELL ? SYSTEM : which;
	struct cb_cell_config *c = cell_of(set, which);
	long delta = ((long)count - (long)c->manage_count) * CB_NAME_SIZE;
	size_t size = (size_t)((long)set->size[blob] + delta);
	char (*list)[CB_NAME_SIZE];
	unsigned i;

	if (delta > 0)
		resize(set, blob, size);
	c = cell_of(set, which);
	list = (char (*)[CB_NAME_SIZE])cb_cell_manages(c);
	for (i = 0; i < count; i++)
		set_name(list[i], names[i]);
	c->manage_count = count;
	c->header.total_size = (uint32_t)((long)c->header.total_size + delta);
	if (which == ROOT_CELL)
		system_of(set)->root_cell_size = c->header.total_size;
	if (delta < 0)
		resize(set, blob, size);
	((struct cb_config_header *)set->blob[blob])->total_size =
		(uint32_t)size;
}

void set_name(char *field, const char *name)
{
	memset(field, 0, CB_NAME_SIZE);
	memcpy(field, name, strlen(name));
}

void resize(struct set *set, int which, size_t size)
{
	set->blob[which] = realloc(set->blob[which], size);
	if (size > set->size[which])
		memset((char *)set->blob[which] + set->size[which], 0,
		       size - set->size[which]);
	set->size[which] = size;
}

void seal(void *blob, size_t size)
{
	struct cb_config_header *h = blob;

	if (size < sizeof(*h))
		return;
	h->crc32 = 0;
	h->crc32 = crc32_update(0, blob, size);
}

/* Re-seal after a test's edits: the root cell first, it is inside. */
static void reseal(struct set *set)
{
	unsigned i;

	if (set->size[SYSTEM] >= sizeof(struct cb_system_config) &&
	    system_of(set)->root_cell_size &&
	    system_of(set)->root_cell_size < set->size[SYSTEM])
		seal(cell_of(set, ROOT_CELL), system_of(set)->root_cell_size);
	for (i = 0; i < set->count; i++)
		seal(set->blob[i], set->size[i]);
}

static void record(struct config_report *report, const void *subject,
		   const char *where, const char *what)
{
	struct problem *p;
	unsigned i;

	(void)report;
	if (seen.count == MAX_PROBLEMS)
		return;
	p = &seen.problem[seen.count++];
	p->which = -1;
	for (i = 0; i < current.count; i++)
		if (subject == current.blob[i])
			p->which = (int)i;
	if (p->which == SYSTEM && !strncmp(where, "/root-cell", 10))
		p->which = ROOT_CELL;
	snprintf(p->where, sizeof(p->where), "%s", where);
	snprintf(p->what, sizeof(p->what), "%s", what);
}

/* Runs the validator as `cellblock config check` does (or, for
   set->alone, as `config compile` checks one cell). */
static void check_set(struct set *set)
{
	struct config_report report = { record, 0 };
	const struct cb_cell_config *cells[SET_BLOBS + MAX_REPEAT];
	const struct cb_system_config *s;
	unsigned i, readable = 0;

	if (!set->keep_crc)
		reseal(set);
	seen.count = 0;
	if (set->alone) {
		config_check_cell(NULL, set->blob[set->alone],
				  set->size[set->alone], &report);
		return;
	}
	s = config_check_system(set->blob[SYSTEM], set->size[SYSTEM], &report);
	for (i = 1; i < set->count; i++) {
		const struct cb_cell_config *c =
			config_check_cell(s, set->blob[i], set->size[i],
					  &report);
		if (c)
			cells[readable++] = c;
	}
	if (set->repeat > MAX_REPEAT) {
		fprintf(stderr, "set->repeat %u exceeds %u\n", set->repeat,
			MAX_REPEAT);
		exit(2);
	}
	for (i = 0; readable && i < set->repeat; i++, readable++)
		cells[readable] = cells[readable - 1];
	if (s)
		config_check_set(s, cells, readable, &report);
}

static const char *blob_name(int which)
{
	static const char *const rootless[] = { "system", "a", "b" };
	static const char *const rooted[] = { "system-root", "rt" };

	if (which == ROOT_CELL)
		return "root-cell";
	if (which < 0 || which >= (int)current.count)
		return "?";
	return current.fixture == ROOTLESS ? rootless[which] : rooted[which];
}

/* Keeps the first failed assertion of a test, with what was reported. */
static void fail(const char *file, int line, const char *expected)
{
	size_t used = 0;
	unsigned i;

	if (failed)
		return;
	failed = 1;
	snprintf(failure, sizeof(failure), "%s:%d: expected %s (%u problems)",
		 file, line, expected, seen.count);
	failure_detail[0] = '\0';
	for (i = 0; i < seen.count && used < sizeof(failure_detail); i++)
		used += (size_t)snprintf(failure_detail + used,
					 sizeof(failure_detail) - used,
					 "    got %s: %s: %s\n",
					 blob_name(seen.problem[i].which),
					 seen.problem[i].where,
					 seen.problem[i].what);
}

void expect_problem_at(struct set *set, int which, const char *where,
		       const char *words, const char *file, int line)
{
	char expected[256];
	unsigned i;

	checks++;
	check_set(set);
	for (i = 0; i < seen.count; i++)
		if (seen.problem[i].which == which &&
		    !strcmp(seen.problem[i].where, where) &&
		    strstr(seen.problem[i].what, words))
			return;
	snprintf(expected, sizeof(expected), "%s: %s: ...%s...",
		 blob_name(which), where, words);
	fail(file, line, expected);
}

void expect_valid_at(struct set *set, const char *file, int line)
{
	checks++;
	check_set(set);
	if (seen.count)
		fail(file, line, "no problem");
}

void expect_no_problem_at(struct set *set, int which, const char *words,
			  const char *file, int line)
{
	char expected[256];
	unsigned i;

	checks++;
	check_set(set);
	for (i = 0; i < seen.count; i++)
		if (seen.problem[i].which == which &&
		    strstr(seen.problem[i].what, words)) {
			snprintf(expected, sizeof(expected), "no problem "
				 "...%s... about %s", words, blob_name(which));
			fail(file, line, expected);
			return;
		}
}

extern const struct test __start_config_tests[], __stop_config_tests[];

int main(int argc, char **argv)
{
	const struct test *t;
	unsigned passed = 0, failures = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s FIXTURE_DIR\n", argv[0]);
		return 2;
	}
	fixture_dir = argv[1];
	/* The linker places every TEST() between these two symbols. */
	// cppcheck-suppress comparePointers
	for (t = __start_config_tests; t < __stop_config_tests; t++) {
		checks = 0;
		failed = 0;
		set_load(&current, t->fixture);
		printf("RUN %s\n", t->name);
		t->run(&current);
		if (!failed && checks) {
			printf("PASS %s checks=%u\n", t->name, checks);
			passed++;
		} else if (!failed) {
			printf("FAIL %s: asserts nothing\n", t->name);
			failures++;
		} else {
			printf("FAIL %s %s\n%s", t->name, failure,
			       failure_detail);
			failures++;
		}
		set_free(&current);
	}
	printf("%u passed, %u failed\n", passed, failures);
	return failures ? 1 : 0;
}
