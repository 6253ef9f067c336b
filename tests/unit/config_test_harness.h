/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Harness for the validator's unit tests: each test takes a fresh copy of a
 * fixture set (configs compiled from tests/unit/fixtures/), changes fields
 * of the binary configs, and asserts what the validator reports: a problem
 * about the right file, at the right node path, with the right words; or
 * no problem at all. Tests register themselves with TEST() in a linker
 * section, run in order, and print `PASS name checks=N` or `FAIL name ...`;
 * the last line is `N passed, N failed`.
 */
#ifndef CELLBLOCK_CONFIG_TEST_HARNESS_H
#define CELLBLOCK_CONFIG_TEST_HARNESS_H

#include "config_check.h"

#include <stddef.h>

/* Fixture sets: a root-less system with cells a and b, or a system whose
   root cell "linux" lends what cell "rt" takes. */
enum fixture { ROOTLESS, ROOTED };

/* Blobs of a set: the system, then its cells. */
enum { SYSTEM = 0, CELL_A = 1, CELL_B = 2, CELL_RT = 1, ROOT_CELL = 9 };

#define SET_BLOBS 3

struct set {
	enum fixture fixture;
	void *blob[SET_BLOBS];
	size_t size[SET_BLOBS];
	unsigned int count;
	int keep_crc;		/* do not re-seal before checking */
	int alone;		/* non-zero: check only this cell, without its
				   system, as `config compile` does */
	unsigned int repeat;	/* pass the last cell this many more times
				   to config_check_set() */
};

struct test {
	const char *name;
	enum fixture fixture;
	void (*run)(struct set *set);
};

#define TEST(name_, fixture_)                                                 \
	static void test_##name_(struct set *set);                            \
	static const struct test test_entry_##name_                           \
		__attribute__((used, section("config_tests"), aligned(8))) = { \
			#name_, fixture_, test_##name_ };                      \
	static void test_##name_(struct set *set)

/* Typed views of the set's blobs. */
struct cb_system_config *system_of(struct set *set);
struct cb_cell_config *cell_of(struct set *set, int which);
struct cb_memory_region *region_of(struct set *set, int which,
				   const char *name);
uint32_t *interrupts_of(struct set *set, int which);

/** link_of() - the system's link named @name (exits if there is none). */
struct cb_link *link_of(struct set *set, const char *name);

/**
 * add_link() - append a copy of the system's first link, named @name, to
 * the link array (the root cell, if any, moves up). Return: the new link.
 */
struct cb_link *add_link(struct set *set, const char *name);

/** drop_links() - remove every link, for tests that rename their cells. */
void drop_links(struct set *set);

/**
 * set_manages() - make the @count names of @names the manage list of cell
 * @which (ROOT_CELL: the system's root cell, the last part of its blob),
 * growing or shrinking the blob and the counts and sizes that cover it.
 */
void set_manages(struct set *set, int which, const char *const *names,
		 unsigned int count);

/** set_name() - replace a name field, NUL padding included. */
void set_name(char *field, const char *name);

/** seal() - recompute the CRC of the config at @blob (@size bytes). */
void seal(void *blob, size_t size);

/** resize() - set blob @which to @size bytes (zero-filled when growing). */
void resize(struct set *set, int which, size_t size);

/**
 * expect_problem() - check the set; require a problem whose subject is blob
 * @which (ROOT_CELL: the system's embedded root cell), at node @where,
 * whose message contains @words.
 */
#define expect_problem(set, which, where, words) \
	expect_problem_at(set, which, where, words, __FILE__, __LINE__)
/** expect_valid() - check the set; require no problem at all. */
#define expect_valid(set) expect_valid_at(set, __FILE__, __LINE__)
/**
 * expect_no_problem() - check the set; require no problem about blob
 * @which whose message contains @words (other problems may be reported).
 */
#define expect_no_problem(set, which, words) \
	expect_no_problem_at(set, which, words, __FILE__, __LINE__)

void expect_problem_at(struct set *set, int which, const char *where,
		       const char *words, const char *file, int line);
void expect_valid_at(struct set *set, const char *file, int line);
void expect_no_problem_at(struct set *set, int which, const char *words,
			  const char *file, int line);

#endif /* CELLBLOCK_CONFIG_TEST_HARNESS_H */
