/* ms_sync.c: one plan / apply / verify / remove run against a Microsoft DHCP server and its
 * failover partners (see ms_sync.h): find the servers (ms_group.c), read and diff each
 * (ms_server_run.c) before anything is written, carry out each server's changes in turn,
 * undo every server written so far on the first failure, compare the partners with each
 * other, report (ms_group_report.c). Pure C, no OS calls. */
#include "ms_sync.h"

#include <stdlib.h>

#include "ms_group_report.h"
#include "ms_pair_check.h"
#include "ms_run.h"

/* Reads and diffs every server. 0, or -1 when one could not be read (nothing is written). */
static int prepare_all(pxb_ms_run *run, enum pxb_dhcp_action action,
                       const pxb_boot_plan *plan, const pxb_ms_backend *be)
{
    int rc = 0;

    for (size_t i = 0; i < run->group.count; i++) {
        const pxb_ms_member *m = &run->group.members[i];
        pxb_boot_plan mine;
        run->skipped[i] = pxb_ms_group_member_plan(&run->group, i, plan, &mine);
        pxb_ms_server_run_init(&run->servers[i], action, m->target, m->label, &mine);
        run->server_count++;
        if (!run->skipped[i] && pxb_ms_server_prepare(&run->servers[i], be) != 0)
            rc = -1;
    }
    return rc;
}

static int blocked(const pxb_ms_run *run)
{
    for (size_t i = 0; i < run->server_count; i++)
        if (run->servers[i].diff.blocked)
            return 1;
    return 0;
}

/* Carries out each server's changes in turn; on a failure, undoes the servers before it
 * (the failing one undid itself). */
static void carry_out_all(pxb_ms_run *run, const pxb_ms_backend *be,
                          pxb_dhcp_progress_fn progress, void *ctx)
{
    for (size_t i = 0; i < run->server_count; i++) {
        if (run->skipped[i] ||
            pxb_ms_server_carry_out(&run->servers[i], be, progress, ctx) == 0)
            continue;
        run->failed_at = i + 1;
        for (size_t k = i; k-- > 0;)
            if (!run->skipped[k])
                pxb_ms_server_undo(&run->servers[k], be, progress, ctx);
        return;
    }
}

/* Compares servers a and b where they must answer alike, if they are partners. */
static void compare_pair(pxb_ms_run *run, size_t a, size_t b)
{
    uint32_t *scopes;
    size_t n = pxb_ms_group_shared_scopes(&run->group, a, b, &run->servers[b].plan, &scopes);
    pxb_ms_partner pa = {run->group.members[a].label, &run->servers[a].have};
    pxb_ms_partner pb = {run->group.members[b].label, &run->servers[b].have};

    if (n == PXB_MS_NO_MEMORY)
        run->out_of_memory = 1;
    else if (n != PXB_MS_NOT_PARTNERS && !run->skipped[a] && !run->skipped[b] &&
             pxb_ms_pair_check(&pa, &pb, scopes, n, &run->differences) < 0)
        run->out_of_memory = 1;
    free(scopes);
}

/* Compares every two servers that share a relationship. */
static void compare_partners(pxb_ms_run *run)
{
    for (size_t a = 0; a < run->server_count; a++)
        for (size_t b = a + 1; b < run->server_count; b++)
            compare_pair(run, a, b);
}

static void run_all(pxb_ms_run *run, enum pxb_dhcp_action action, const pxb_boot_plan *plan,
                    const char *server, enum pxb_dhcp_reach reach, const pxb_ms_backend *be,
                    pxb_dhcp_progress_fn progress, void *ctx)
{
    if (pxb_ms_group_find(&run->group, be, server, reach) != 0) {
        /* The first server's part holds its name and action for the report. */
        pxb_ms_server_run_init(&run->servers[0], action, run->group.members[0].target,
                               run->group.members[0].label, plan);
        run->server_count = 1;
        return;
    }
    if (prepare_all(run, action, plan, be) != 0 || blocked(run))
        return;
    if (action == PXB_DHCP_APPLY || action == PXB_DHCP_REMOVE)
        carry_out_all(run, be, progress, ctx);
    else if (run->group.count > 1)
        compare_partners(run);
}

enum pxb_dhcp_status pxb_ms_sync(enum pxb_dhcp_action action, const pxb_boot_plan *plan,
                                 const char *server, enum pxb_dhcp_reach reach,
                                 const pxb_ms_backend *backend,
                                 pxb_dhcp_progress_fn progress, void *progress_ctx,
                                 pxb_dhcp_result *out)
{
    pxb_ms_run *run = calloc(1, sizeof *run);

    if (run == NULL)
        return pxb_ms_no_report(out);
    run->action = action;
    pxb_ms_diff_init(&run->differences);
    run_all(run, action, plan, server, reach, backend, progress, progress_ctx);
    if (pxb_ms_group_report(run, out) != 0)
        out->status = PXB_DHCP_FAILED;
    for (size_t i = 0; i < run->server_count; i++)
        pxb_ms_server_run_free(&run->servers[i]);
    pxb_ms_diff_free(&run->differences);
    pxb_ms_group_free(&run->group);
    free(run);
    return out->status;
}
