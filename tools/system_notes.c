// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reads the member comments of a system source's device windows (see
 * system_notes.h). The scanner knows just enough source syntax to find
 * them: comments, strings and braces; a comment counts when it sits
 * directly in a node under /devices and starts with a node path.
 */
#include "system_notes.h"

#include "file_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 8

struct scan {
	const char *p, *end;
	char node[MAX_DEPTH][CB_NAME_SIZE];
	int depth;
	char name[64];		/* the last word before a '{' */
};

static int add(struct system_notes *notes, const struct note_member *m)
{
	if (notes->count == notes->capacity) {
		unsigned int capacity = notes->capacity ? 2 * notes->capacity
							: 64;
		struct note_member *bigger = realloc(
			notes->member, capacity * sizeof(*bigger));

		if (!bigger)
			return -1;
		notes->member = bigger;
		notes->capacity = capacity;
	}
	notes->member[notes->count++] = *m;
	return 0;
}

/* "PATH WHAT: 0xSTART, 0xSIZE bytes[; interrupts N...]" */
static int parse_member(const char *text, struct note_member *m)
{
	const char *colon = strstr(text, ": 0x"), *comma, *irqs;
	size_t path_length = strcspn(text, " ");
	char *end;

	if (text[0] != '/' || !colon || path_length >= NOTE_PATH_SIZE ||
	    text + path_length > colon)
		return -1;
	memcpy(m->path, text, path_length);
	m->path[path_length] = '\0';
	snprintf(m->what, sizeof(m->what), "%.*s",
		 (int)(colon - text - path_length - 1), text + path_length + 1);
	m->start = strtoull(colon + 2, &end, 16);
	comma = strstr(end, ", 0x");
	if (end == colon + 2 || comma != end)
		return -1;
	m->size = strtoull(comma + 2, &end, 16);
	if (!m->size)
		return -1;
	irqs = strstr(end, "; interrupts");
	m->irq_count = 0;
	if (irqs)
		for (end = (char *)irqs + 12; m->irq_count < NOTE_MAX_IRQS;) {
			const char *from = end;
			unsigned long v = strtoul(from, &end, 10);

			if (end == from)
				break;
			m->irq[m->irq_count++] = (uint32_t)v;
		}
	return 0;
}

static void comment(struct scan *s, struct system_notes *notes)
{
	const char *close = strstr(s->p + 2, "*/");
	const char *text = s->p + 2;
	char buf[512];
	struct note_member m;

	if (!close || close > s->end)
		close = s->end;
	while (text < close && (*text == ' ' || *text == '\t'))
		text++;
	if (s->depth == 3 && !strcmp(s->node[0], "/") &&
	    !strcmp(s->node[1], "devices") && (size_t)(close - text) < sizeof(buf)) {
		memset(&m, 0, sizeof(m));
		memcpy(buf, text, (size_t)(close - text));
		buf[close - text] = '\0';
		snprintf(m.window, sizeof(m.window), "%s", s->node[2]);
		if (!parse_member(buf, &m))
			add(notes, &m);
	}
	s->p = close + 2 < s->end ? close + 2 : s->end;
}

static void word(struct scan *s)
{
	size_t n = 0;

	while (s->p < s->end && n + 1 < sizeof(s->name) &&
	       !strchr(" \t\r\n{};=", *s->p))
		s->name[n++] = *s->p++;
	s->name[n] = '\0';
}

static void scan(struct scan *s, struct system_notes *notes)
{
	while (s->p < s->end) {
		if (s->p[0] == '/' && s->p + 1 < s->end && s->p[1] == '*') {
			comment(s, notes);
		} else if (s->p[0] == '/' && s->p + 1 < s->end && s->p[1] == '/') {
			while (s->p < s->end && *s->p != '\n')
				s->p++;
		} else if (*s->p == '"') {
			for (s->p++; s->p < s->end && *s->p != '"'; s->p++)
				if (*s->p == '\\')
					s->p++;
			s->p++;
		} else if (*s->p == '{') {
			if (s->depth < MAX_DEPTH)
				snprintf(s->node[s->depth], CB_NAME_SIZE, "%.31s",
					 s->name);
			s->depth++;
			s->p++;
		} else if (*s->p == '}') {
			s->depth -= s->depth > 0;
			s->p++;
		} else if (strchr(" \t\r\n;=", *s->p)) {
			s->p++;
		} else {
			word(s);	/* stops at one of the characters above */
		}
	}
}

int system_notes_read(const char *path, struct system_notes *notes)
{
	size_t size;
	char *text = file_read(path, &size);
	struct scan s;

	memset(notes, 0, sizeof(*notes));
	if (!text)
		return -1;
	memset(&s, 0, sizeof(s));
	s.p = text;
	s.end = text + size;
	scan(&s, notes);
	free(text);
	return 0;
}

void system_notes_free(struct system_notes *notes)
{
	free(notes->member);
	memset(notes, 0, sizeof(*notes));
}
