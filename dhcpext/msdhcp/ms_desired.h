/* ms_desired.h: what the boot plan wants of one Microsoft DHCP server, as the same object
 * model the server is read into (ms_state.h). With policies (Windows Server 2012 and later):
 * the user class iPXE and one vendor class per architecture (an existing class with the
 * same data is reused under its own name), and per level (server, or each scope of the plan)
 * one policy per architecture in loop-safe processing order, iPXE first (ms_policy_set.h),
 * each an AND root over one AND sub-expression per condition group (vendor class begins
 * with, user class EQ / NE iPXE, excluded MACs NE), descriptions starting with the owner
 * mark, option values 066 / 067 / 060 (a scope of ScopeBootServers: its own boot server in
 * 066, the descriptions and the default script URL); option 060 defined when HTTP boot is
 * configured.
 * With ProxyDhcp=4011 (the service answers PXE clients on port 4011 of this machine): option
 * 060 'PXEClient' for every client at each level of the plan (the server level when it names
 * no scopes, else each of its scopes, so no client outside Scopes is sent to port 4011), 060
 * defined first where the server lacks it. In modes off and on nothing of 060 PXEClient.
 * Without policies (older servers): the user-class fallback, BIOS and iPXE only: 066 and 067
 * (the BIOS image) for everyone at each level, 067 (the script) for user class iPXE. */
#ifndef PXB_MS_DESIRED_H
#define PXB_MS_DESIRED_H

#include "boot_plan.h"
#include "ms_state.h"

/* The description pxebridge gives the option 060 definition it creates. */
#define PXB_MS_OPT60_COMMENT PXB_OWNER_MARK " option 060 for UEFI HTTP boot and ProxyDhcp=4011"

/* Fills *want (initialised here) from plan; `have` (the server as read) decides between
 * policies and the fallback and which existing classes are reused. Returns 0, or -1 if out
 * of memory (*want is then empty). */
int pxb_ms_desire(const pxb_boot_plan *plan, const pxb_ms_state *have, pxb_ms_state *want);

/* The levels the plan covers: its scopes, or the server level when it names none. Returns
 * the count (at most PXB_PLAN_SCOPES_MAX). */
size_t pxb_ms_plan_levels(const pxb_boot_plan *plan, pxb_ms_level out[PXB_PLAN_SCOPES_MAX]);

#endif
