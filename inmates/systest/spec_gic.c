// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * spec_gic: the GIC's type registers as a cell reads them (GICv3 spec,
 * IHI 0069; tests/system/spec_tests.py, docs/hypervisor.md). The cell
 * learns which CPUs are its own (AFFINITY_INFO answers for them), then:
 *
 *   - prints GICR_TYPER of every frame of the board, and checks it: the
 *     same through one 64-bit and two 32-bit reads, the frame's affinity
 *     and processor number, no LPI or GICv4 feature (PLPIS, VLPIS, Dirty,
 *     DirectLPI, DPGS, MPAM, RVPEID, CommonLPIAff, VSGI, PPInum), and on
 *     its own frames Last exactly where a run of its CPU indices ends;
 *   - walks each run of its own frames as Linux's gic_iterate_rdists
 *     does, from the run's first frame to the one marked Last: it meets
 *     exactly the run's CPUs;
 *   - prints GICD_TYPER and checks that LPIs, MBIs, extended SPIs, NMIs,
 *     DVIS, RSS and ESPI_range read as absent and No1N as set; GICD_TYPER2
 *     reads 0; GICR_CTLR.EnableLPIs does not stick.
 *
 * In-QEMU test protocol (check.h): RUN spec-gic, the lines, PASS spec-gic
 * checks=N, then SYSTEM_OFF.
 *
 * Parameters:
 *   frames    the board's CPUs, one redistributor frame each (default 4)
 */
#include <stdbool.h>

#include <hw/gicv3.h>
#include <hw/smccc.h>
#include <inmate/check.h>
#include <inmate/console.h>
#include <inmate/mmio.h>
#include <inmate/params.h>
#include <inmate/runtime.h>
#include <inmate/smccc.h>

#define GICD_BASE 0x08000000ul
#define GICR_BASE 0x080a0000ul
#define GICR_STRIDE 0x20000ul
#define GICD_TYPER2 0x000c
#define MAX_FRAMES 8

/* Bits a cell must read as 0 (see the file comment). */
#define GICR_TYPER_HIDDEN 0xff0000efull
#define GICD_TYPER_HIDDEN 0xfc07fb00u
#define GICD_TYPER_NO1N (1u << 25)

static bool own[MAX_FRAMES + 1];

static uintptr_t frame(unsigned int i)
{
	return GICR_BASE + i * GICR_STRIDE;
}

static void check_frame(unsigned int i, unsigned int frames)
{
	uint64_t typer = mmio_read64(frame(i) + GICR_TYPER);
	uint64_t low = mmio_read32(frame(i) + GICR_TYPER);
	uint64_t high = mmio_read32(frame(i) + GICR_TYPER + 4);
	bool last = typer & GICR_TYPER_LAST;

	console_printf("spec_gic: frame %u GICR_TYPER 0x%016llx%s\n", i,
		       (unsigned long long)typer, own[i] ? " (own)" : "");
	CHECK_EQ(typer, low | high << 32);
	CHECK_EQ(typer >> 32, i);
	CHECK_EQ((typer >> 8) & 0xffff, i);
	CHECK_EQ(typer & GICR_TYPER_HIDDEN, 0);
	if (own[i])
		CHECK_EQ(last, !own[i + 1] || i + 1 == frames);
}

/* From each run's first frame to its Last, as a driver walks a region. */
static void walk_runs(unsigned int frames)
{
	unsigned int i, j, runs = 0;

	for (i = 0; i < frames; i++) {
		if (!own[i] || (i > 0 && own[i - 1]))
			continue;
		for (j = i; j < frames; j++) {
			CHECK_EQ(own[j], true);	/* walked into a foreign one */
			if (mmio_read64(frame(j) + GICR_TYPER) &
			    GICR_TYPER_LAST)
				break;
		}
		console_printf("spec_gic: run from frame %u to %u\n", i, j);
		CHECK_EQ(j + 1 == frames || !own[j + 1], true);
		runs++;
	}
	CHECK_EQ(runs > 0, true);
}

int inmate_main(void)
{
	static const char *const keys[] = { "frames", NULL };
	unsigned int frames, i, first = MAX_FRAMES;
	uint32_t typer;
	int64_t state;

	params_check_keys(keys);
	frames = (unsigned int)params_get_ulong("frames", 4, 1, MAX_FRAMES);
	check_begin("spec-gic");
	for (i = 0; i < frames; i++) {
		state = smccc_call(SMCCC_SMC, PSCI_AFFINITY_INFO_64, i, 0, 0);
		own[i] = state >= 0;
		if (own[i] && first == MAX_FRAMES)
			first = i;
	}
	CHECK_EQ(first < frames, true);
	for (i = 0; i < frames; i++)
		check_frame(i, frames);
	walk_runs(frames);
	typer = mmio_read32(GICD_BASE + GICD_TYPER);
	console_printf("spec_gic: GICD_TYPER 0x%08x\n", typer);
	CHECK_EQ(typer & GICD_TYPER_HIDDEN, 0);
	CHECK_EQ(typer & GICD_TYPER_NO1N, GICD_TYPER_NO1N);
	CHECK_EQ(mmio_read32(GICD_BASE + GICD_TYPER2), 0);
	mmio_write32(frame(first) + GICR_CTLR, 1);	/* EnableLPIs */
	CHECK_EQ(mmio_read32(frame(first) + GICR_CTLR) & 1, 0);
	check_pass();
	return 0;
}
