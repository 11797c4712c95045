/* ms_findings.h: what pxebridge tells the admin about a Microsoft DHCP server besides the
 * changes it makes: classes of the admin's that it reuses, the pre-2012 user-class fallback
 * and what UEFI clients need there, leftover server or scope options 066 / 067 / 060 that
 * override or confuse the plan (naming, by Microsoft's precedence, the clients of
 * pxebridge's policies that get them instead of or along with pxebridge's values), option
 * 060 PXEClient where nothing of pxebridge answers on port 4011 (ProxyDhcp not 4011, or
 * clients outside Scopes), ProxyDhcp=on while the server hands PXE clients a boot file too
 * (two answers), and admin policies with boot options that are processed before
 * pxebridge's; each with the command that fixes it. Pure C, no OS calls. */
#ifndef PXB_MS_FINDINGS_H
#define PXB_MS_FINDINGS_H

#include "boot_plan.h"
#include "ms_diff_list.h"
#include "ms_state.h"

/* Adds the findings for a server read as `have`, wanted as `want`, and as it will be after
 * the changes (`after`). server names it in suggested commands (NULL / "" = this machine).
 * Returns 0, or -1 if out of memory. */
int pxb_ms_findings(const pxb_boot_plan *plan, const pxb_ms_state *have,
                    const pxb_ms_state *want, const pxb_ms_state *after, const char *server,
                    pxb_ms_diff *out);

/* An option 060 defined as anything but one string cannot carry HTTPClient: a blocker when
 * `want` sets 060, else a warning, each with the command that fixes it. Checked with the
 * blockers, before any change is listed. Returns 0, or -1 if out of memory. */
int pxb_ms_check_opt60(const pxb_ms_state *have, const pxb_ms_state *want, const char *server,
                       pxb_ms_diff *out);

#endif
