/* ms_group.c: the servers one run covers, found through their failover relationships (see
 * ms_group.h). */
#include "ms_group.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ms_advice.h"
#include "net_text.h"

static const char *shown(const char *server)
{
    return server != NULL && server[0] != '\0' ? server : "this machine";
}

static pxb_ms_member *add_member(pxb_ms_group *g)
{
    pxb_ms_member *m = &g->members[g->count++];
    memset(m, 0, sizeof *m);
    pxb_ms_failover_init(&m->failover);
    return m;
}

static pxb_ms_member *find_address(pxb_ms_group *g, uint32_t address)
{
    for (size_t i = 0; i < g->count; i++)
        if (g->members[i].address == address)
            return &g->members[i];
    return NULL;
}

/* The failure of reading member m's relationships, for the cause. */
static void fail_read(pxb_ms_group *g, const pxb_ms_member *m, const pxb_ms_error *err)
{
    char advice[PXB_MS_GROUP_CAUSE_MAX / 2];

    pxb_ms_advise(err, m->label, advice, sizeof advice);
    g->failed = 1;
    if (m == &g->members[0]) {
        snprintf(g->cause, sizeof g->cause, "%s", advice);
        return;
    }
    snprintf(g->cause, sizeof g->cause,
             "failover partner %s (relationship '%s' of %s) cannot be read: %s; nothing was "
             "written to any server: pxebridge writes both partners or neither. The account "
             "must be in 'DHCP Administrators' on both servers, and both must be reachable "
             "over RPC; --no-failover (DhcpFailover=0) works on %s alone and leaves the pair "
             "different",
             m->label, m->via_relationship, g->members[m->via].label, advice,
             g->members[0].label);
}

/* Reads member i's relationships; learns its own address from them. 0, or -1 (failed). */
static int read_member(pxb_ms_group *g, const pxb_ms_backend *be, size_t i)
{
    pxb_ms_member *m = &g->members[i];
    pxb_ms_error err;

    memset(&err, 0, sizeof err);
    if (be->relationships(be->ctx, m->target, &m->failover, &err) != 0) {
        if (err.error.code != PXB_MS_NO_FAILOVER_CODE) {
            fail_read(g, m, &err);
            return -1;
        }
        pxb_ms_failover_free(&m->failover);
        m->failover.unsupported = 1;
    }
    if (m->address == 0 && m->failover.count > 0)
        m->address = pxb_ms_relationship_self(&m->failover.rels[0]);
    return 0;
}

/* Takes in the partner a relationship of member i names, unless it is a member already. 0,
 * or -1 when the group is full. */
static int take_partner(pxb_ms_group *g, size_t i, const pxb_ms_relationship *r)
{
    uint32_t address = pxb_ms_relationship_partner(r);
    const char *name = pxb_ms_relationship_partner_name(r);
    char dotted[16];

    if (find_address(g, address) != NULL)
        return 0;
    if (g->count == PXB_MS_GROUP_MAX) {
        g->failed = 1;
        snprintf(g->cause, sizeof g->cause,
                 "more than %d servers are linked by failover relationships (at '%s' of %s): "
                 "nothing was written; give the servers with --no-failover, a pair at a time",
                 PXB_MS_GROUP_MAX, r->name, g->members[i].label);
        return -1;
    }
    pxb_ipv4_format(address, dotted);
    pxb_ms_member *m = add_member(g);
    m->address = address;
    m->via = i;
    snprintf(m->target, sizeof m->target, "%s", dotted);
    snprintf(m->via_relationship, sizeof m->via_relationship, "%s", r->name);
    if (name[0] != '\0' && strcmp(name, dotted) != 0)
        snprintf(m->label, sizeof m->label, "%.200s (%s)", name, dotted);
    else
        snprintf(m->label, sizeof m->label, "%s", dotted);
    return 0;
}

/* A note per relationship not in NORMAL, and per relationship of the first member that
 * --no-failover leaves alone. */
static void note_states(pxb_ms_group *g, enum pxb_dhcp_reach reach)
{
    const pxb_ms_member *first = &g->members[0];

    for (size_t i = 0; i < first->failover.count; i++) {
        const pxb_ms_relationship *r = &first->failover.rels[i];
        char partner[16];
        pxb_ipv4_format(pxb_ms_relationship_partner(r), partner);
        if (reach == PXB_DHCP_THIS_SERVER_ONLY)
            pxb_ms_diff_finding(&g->notes, PXB_MS_WARNING,
                                "failover: %s is in relationship '%s' (%s) with %s, which "
                                "this run leaves as it is (--no-failover / DhcpFailover=0): "
                                "clients that partner answers do not get these changes",
                                first->label, r->name, pxb_ms_fo_mode_name(r->mode), partner);
    }
    for (size_t m = 0; m < g->count && reach == PXB_DHCP_WITH_PARTNERS; m++) {
        const pxb_ms_failover *f = &g->members[m].failover;
        for (size_t i = 0; i < f->count; i++) {
            const char *meaning = pxb_ms_fo_state_meaning(f->rels[i].state);
            if (meaning[0] != '\0')
                pxb_ms_diff_finding(&g->notes, PXB_MS_WARNING,
                                    "failover: relationship '%s' is in state %s on %s: %s",
                                    f->rels[i].name, pxb_ms_fo_state_name(f->rels[i].state),
                                    g->members[m].label, meaning);
        }
    }
}

/* Whether the two scope lists hold the same scopes. */
static int same_scopes(const pxb_ms_relationship *a, const pxb_ms_relationship *b)
{
    if (a->scope_count != b->scope_count)
        return 0;
    for (size_t i = 0; i < a->scope_count; i++)
        if (!pxb_ms_relationship_has_scope(b, a->scopes[i]))
            return 0;
    return 1;
}

/* A note where a partner lacks its partner's record of a relationship, or the two records
 * list different scopes. */
static void note_records(pxb_ms_group *g)
{
    for (size_t m = 0; m < g->count; m++) {
        const pxb_ms_failover *f = &g->members[m].failover;
        for (size_t i = 0; i < f->count; i++) {
            const pxb_ms_relationship *r = &f->rels[i];
            const pxb_ms_member *p = find_address(g, pxb_ms_relationship_partner(r));
            const pxb_ms_relationship *other = p ? pxb_ms_failover_find(&p->failover, r->name)
                                                 : NULL;
            if (p != NULL && other == NULL)
                pxb_ms_diff_finding(&g->notes, PXB_MS_WARNING,
                                    "failover: %s has relationship '%s' with %s, which has no "
                                    "record of it: recreate the relationship in the DHCP "
                                    "console", g->members[m].label, r->name, p->label);
            else if (other != NULL && m < (size_t)(p - g->members) && !same_scopes(r, other))
                pxb_ms_diff_finding(&g->notes, PXB_MS_WARNING,
                                    "failover: the records of relationship '%s' on %s and %s "
                                    "list different scopes: replicate the relationship "
                                    "(Invoke-DhcpServerv4FailoverReplication)",
                                    r->name, g->members[m].label, p->label);
        }
    }
}

int pxb_ms_group_find(pxb_ms_group *g, const pxb_ms_backend *be, const char *server,
                      enum pxb_dhcp_reach reach)
{
    memset(g, 0, sizeof *g);
    pxb_ms_diff_init(&g->notes);
    pxb_ms_member *first = add_member(g);
    snprintf(first->target, sizeof first->target, "%s", server ? server : "");
    snprintf(first->label, sizeof first->label, "%s", shown(server));
    g->followed = reach == PXB_DHCP_WITH_PARTNERS;
    if (read_member(g, be, 0) != 0) {
        if (g->followed)
            return -1;
        /* Read only to name the partners left alone: the run goes on without. */
        g->failed = 0;
        g->cause[0] = '\0';
        pxb_ms_failover_free(&first->failover);
    }
    for (size_t i = 0; i < g->count && g->followed; i++) {
        if (i > 0 && read_member(g, be, i) != 0)
            return -1;
        for (size_t r = 0; r < g->members[i].failover.count; r++)
            if (take_partner(g, i, &g->members[i].failover.rels[r]) != 0)
                return -1;
    }
    note_states(g, reach);
    if (g->followed)
        note_records(g);
    return 0;
}

void pxb_ms_group_free(pxb_ms_group *g)
{
    for (size_t i = 0; i < g->count; i++)
        pxb_ms_failover_free(&g->members[i].failover);
    pxb_ms_diff_free(&g->notes);
    g->count = 0;
}

int pxb_ms_group_holds_scope(const pxb_ms_group *g, size_t i, uint32_t subnet)
{
    const pxb_ms_failover *f = &g->members[i].failover;

    if (i == 0)
        return 1;
    for (size_t r = 0; r < f->count; r++) {
        uint32_t partner = pxb_ms_relationship_partner(&f->rels[r]);
        for (size_t k = 0; k < g->count; k++)
            if (g->members[k].address == partner &&
                pxb_ms_relationship_has_scope(&f->rels[r], subnet))
                return 1;
    }
    return 0;
}

int pxb_ms_group_member_plan(const pxb_ms_group *g, size_t i, const pxb_boot_plan *plan,
                             pxb_boot_plan *out)
{
    uint32_t keep[PXB_PLAN_SCOPES_MAX];
    size_t kept = 0;

    *out = *plan;
    if (i == 0 || plan->scope_count == 0)
        return 0;
    for (size_t s = 0; s < plan->scope_count; s++)
        if (pxb_ms_group_holds_scope(g, i, plan->scopes[s].network))
            keep[kept++] = plan->scopes[s].network;
    if (kept == 0)
        return 1;
    pxb_plan_keep_scopes(plan, keep, kept, out);
    return 0;
}

static int plan_names(const pxb_boot_plan *plan, uint32_t subnet)
{
    if (plan->scope_count == 0)
        return 1;
    for (size_t s = 0; s < plan->scope_count; s++)
        if (plan->scopes[s].network == subnet)
            return 1;
    return 0;
}

size_t pxb_ms_group_shared_scopes(const pxb_ms_group *g, size_t a, size_t b,
                                  const pxb_boot_plan *plan, uint32_t **out)
{
    const pxb_ms_failover *f = &g->members[a].failover;
    size_t n = 0, room = 0;
    int partners = 0;

    *out = NULL;
    for (size_t i = 0; i < f->count; i++)
        room += f->rels[i].scope_count;
    if (room > 0 && (*out = malloc(room * sizeof **out)) == NULL)
        return PXB_MS_NO_MEMORY;
    for (size_t i = 0; i < f->count; i++) {
        const pxb_ms_relationship *r = &f->rels[i];
        if (pxb_ms_relationship_partner(r) != g->members[b].address)
            continue;
        partners = 1;
        for (size_t s = 0; s < r->scope_count; s++)
            if (plan_names(plan, r->scopes[s]))
                (*out)[n++] = r->scopes[s];
    }
    return partners ? n : PXB_MS_NOT_PARTNERS;
}
