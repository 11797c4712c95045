/* ms_group.h: the servers one run covers: the server the admin named and, when the run
 * follows failover, every server it is in a failover relationship with, and theirs in turn,
 * each taken in by the address its partner's record gives (MS-DHCPM 2.2.1.2.98) and told
 * apart by address, so a server is never taken twice. Also which of the plan's scopes each
 * partner covers (those in its relationships with the others), and what the records say
 * that needs the admin's eye (a state other than NORMAL, a record one partner lacks, scope
 * lists that differ). Pure C, no OS calls. */
#ifndef PXB_MS_GROUP_H
#define PXB_MS_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "boot_plan.h"
#include "dhcp_sync.h"
#include "ms_backend.h"
#include "ms_diff_list.h"

/* Most servers one run takes in. */
#define PXB_MS_GROUP_MAX 8
#define PXB_MS_GROUP_CAUSE_MAX 2048

typedef struct pxb_ms_member {
    char target[PXB_MS_NAME_MAX]; /* what the calls name: the admin's name ("" = this
                                     machine) or a partner's dotted address */
    char label[PXB_MS_NAME_MAX];  /* what reports call it: "dhcp2.corp (10.0.0.2)" */
    uint32_t address;             /* from its relationships; 0 = not known */
    size_t via;                   /* the member whose record took it in (0 for the first) */
    char via_relationship[PXB_MS_NAME_MAX];
    pxb_ms_failover failover;
} pxb_ms_member;

typedef struct pxb_ms_group {
    pxb_ms_member members[PXB_MS_GROUP_MAX];
    size_t count;
    int followed;                 /* partners were looked for and taken in */
    pxb_ms_diff notes;            /* findings about the relationships (no changes) */
    int failed;                   /* a server could not be read: cause says which, why */
    char cause[PXB_MS_GROUP_CAUSE_MAX];
} pxb_ms_group;

/* Finds the servers of a run starting at server (NULL / "" = this machine). With
 * PXB_DHCP_THIS_SERVER_ONLY it still reads the server's relationships, to say which
 * partners are left as they are (a failure to read them is passed over), but takes none in. 0, or -1 with group->failed and the
 * cause (naming the server, the error, the fix, and that nothing was written). */
int pxb_ms_group_find(pxb_ms_group *g, const pxb_ms_backend *be, const char *server,
                      enum pxb_dhcp_reach reach);
void pxb_ms_group_free(pxb_ms_group *g);

/* The plan for member i: the whole plan for the first; for a partner, the plan kept to the
 * scopes in its relationships with the other members (a server-level plan stays whole).
 * Returns 0, or 1 when the plan names scopes and none of them is the partner's (nothing to
 * do there). */
int pxb_ms_group_member_plan(const pxb_ms_group *g, size_t i, const pxb_boot_plan *plan,
                             pxb_boot_plan *out);

/* Whether member i answers the clients of a scope: the first always; a partner when one of
 * its relationships with another member holds the scope. */
int pxb_ms_group_holds_scope(const pxb_ms_group *g, size_t i, uint32_t subnet);

/* The scopes members a and b must answer alike: those of a's relationships with b, kept to
 * the plan's scopes when it names any, into *out (malloc'd, to be freed; NULL when none).
 * Returns their number, PXB_MS_NOT_PARTNERS when a has no relationship with b, or
 * PXB_MS_NO_MEMORY. */
#define PXB_MS_NOT_PARTNERS ((size_t)-1)
#define PXB_MS_NO_MEMORY ((size_t)-2)
size_t pxb_ms_group_shared_scopes(const pxb_ms_group *g, size_t a, size_t b,
                                  const pxb_boot_plan *plan, uint32_t **out);

#endif
