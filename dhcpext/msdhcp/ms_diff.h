/* ms_diff.h: the difference between a Microsoft DHCP server as read and what the boot plan
 * wants of it, as an ordered change list in a safe order (option definition, then classes,
 * then stale pxebridge policies out, then the plan's policies in processing order, iPXE
 * first, then the values outside policies (the fallback's, 060 PXEClient of ProxyDhcp=4011),
 * then classes no longer needed), and findings: things pxebridge leaves to the admin
 * (ms_findings.h) and blockers that stop a run (a missing scope, an admin object under a
 * name pxebridge needs). For removal: the values the plan sets that still hold its values
 * first, then only objects carrying the owner mark, never a class an admin's policy still
 * uses, the option 060 definition last and only where nothing uses it. Pure C, no OS
 * calls. */
#ifndef PXB_MS_DIFF_H
#define PXB_MS_DIFF_H

#include "boot_plan.h"
#include "ms_change.h"
#include "ms_diff_list.h"
#include "ms_state.h"

/* The changes that bring `have` in line with `want` (pxb_ms_desire of the same plan), and
 * the findings. server names the server in suggested commands (NULL / "" = this machine).
 * Returns 0, or -1 if out of memory. */
int pxb_ms_diff_apply(const pxb_boot_plan *plan, const pxb_ms_state *have,
                      const pxb_ms_state *want, const char *server, pxb_ms_diff *out);
/* The changes that take away what pxebridge owns. */
int pxb_ms_diff_remove(const pxb_ms_state *have, const pxb_ms_state *want, pxb_ms_diff *out);

#endif
