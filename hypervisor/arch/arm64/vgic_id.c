// SPDX-License-Identifier: GPL-2.0-only
/*
 * GICD_TYPER and GICR_TYPER as a cell reads them (GICv3 spec, IHI 0069,
 * the two registers' descriptions in chapter 12). A cell gets SGIs, PPIs 16-31 and its SPIs below
 * 1020 through the virtual CPU interface; it gets no LPIs (no ITS, no
 * LPI tables: the LPI registers read as zero), no extended SPI or PPI
 * ranges, no message-based SPIs, no GICv4 virtual LPIs or SGIs, no NMIs
 * and no 1 of N routing (an IRM route is refused, vgic_mmio.c). So those
 * features read as absent, and a driver that probes them (Linux's
 * irq-gic-v3 does) does not try them.
 *
 * Redistributor frames: a cell's device tree lists its own frames only,
 * one region per run of consecutive CPU indices (CPU i's frame is at
 * redistributor + i x stride). A driver walks each region until a frame
 * says Last, so Last is set on the cell's last frame of each run (CPU
 * i + 1 is not the cell's, or i is the last CPU of the board) and clear
 * on its other frames. Another cell's frame keeps the board's Last (set
 * on the board's last frame only), so a walk over the whole board, as
 * bare-metal code does, ends where the board does.
 */
#include <asm/gicv3.h>
#include <asm/percpu.h>
#include <asm/vgic_id.h>
#include <hv/cell.h>

/* GICD_TYPER: what a cell is told as the hardware has it. */
#define GICD_TYPER_ITLINES 0x0000001fu		/* [4:0] */
#define GICD_TYPER_CPUNUMBER 0x000000e0u	/* [7:5] */
#define GICD_TYPER_SECURITYEXTN (1u << 10)
#define GICD_TYPER_IDBITS 0x00f80000u		/* [23:19] */
#define GICD_TYPER_A3V (1u << 24)
#define GICD_TYPER_NO1N (1u << 25)
#define GICD_TYPER_KEPT (GICD_TYPER_ITLINES | GICD_TYPER_CPUNUMBER | \
			 GICD_TYPER_SECURITYEXTN | GICD_TYPER_IDBITS | \
			 GICD_TYPER_A3V)

/* GICR_TYPER: the frame's identity only. */
#define GICR_TYPER_PROCESSOR_NUMBER 0x0000000000ffff00ull	/* [23:8] */
#define GICR_TYPER_AFFINITY 0xffffffff00000000ull		/* [63:32] */

uint32_t vgic_gicd_typer(uint32_t hw)
{
	/* Dropped: ESPI, NMI, num_LPIs, MBIS, LPIS, DVIS, RSS (a cell's
	   CPUs have Aff0 below 16: no SGI range selector needed) and
	   ESPI_range. No1N set: 1 of N routing is not available. */
	return (hw & GICD_TYPER_KEPT) | GICD_TYPER_NO1N;
}

static int cell_has(const struct cell *cell, unsigned int cpu)
{
	return cpu < system_config->cpu_count && ((cell->cpu_set >> cpu) & 1);
}

uint64_t vgic_gicr_typer(const struct cell *cell, unsigned int cpu,
			 uint64_t in_frame, unsigned int size)
{
	uint64_t hw = *(volatile uint64_t *)(percpu[cpu].redistributor +
					     GICR_TYPER);
	uint64_t typer = hw & (GICR_TYPER_PROCESSOR_NUMBER |
			       GICR_TYPER_AFFINITY);

	if (!cell_has(cell, cpu))
		typer |= hw & GICR_TYPER_LAST;
	else if (!cell_has(cell, cpu + 1))
		typer |= GICR_TYPER_LAST;
	if (in_frame != GICR_TYPER)
		return typer >> 32;
	return size == 8 ? typer : (uint32_t)typer;
}
