/* plan_files.h: the files the servers generate from the boot plan (boot.ipxe from
 * dhcpext/plan/boot_script.h, GRUB's grub/grub.cfg from dhcpext/plan/grub_menu.h): one table for every
 * server that serves them, the TFTP runtime and HTTP, so both always serve the same set. */
#ifndef PXB_PLAN_FILES_H
#define PXB_PLAN_FILES_H

#include <stddef.h>

#include "boot_plan.h"
#include "config.h"
#include "winpe_catalog.h"

/* Takes one generated file: its name in the root and its text (len bytes). 0, or -1 when
 * it could not be taken (out of memory); the file served before stays then. */
typedef int (*pxb_plan_file_sink)(void *ctx, const char *name, const void *text, size_t len);

/* Makes every generated file from plan, the WinPE images of winpe and how cfg serves HTTP
 * (HttpPort, HttpTls, HttpUrlPrefix: the base the menus load WinPE from) and hands each to
 * sink. Returns 0, or -1 when any
 * could not be made or taken (the others are still handed on). */
int pxb_plan_files_serve(const pxb_boot_plan *plan, const pxb_config *cfg,
                         const pxb_winpe_catalog *winpe, pxb_plan_file_sink sink, void *ctx);

#endif
