/* ms_findings.c: notes and warnings about a Microsoft DHCP server that pxebridge reports but
 * does not change (see ms_findings.h). Pure C, no OS calls. */
#include "ms_findings.h"

#include <stdio.h>
#include <string.h>

#include "ms_desired.h"

static int note_reused(const pxb_ms_state *have, const pxb_ms_state *want, pxb_ms_diff *d)
{
    for (size_t i = 0; i < want->class_count; i++) {
        const pxb_ms_class *w = &want->classes[i];
        const pxb_ms_class *c = pxb_ms_find_class_data(have, w->is_vendor, w->data,
                                                       w->data_len);
        if (c == NULL || pxb_ms_owned(c->comment))
            continue;
        if (pxb_ms_diff_finding(d, PXB_MS_NOTE, "reusing the %s class '%s' already on the "
                                "server (data '%.*s') instead of creating another",
                                c->is_vendor ? "vendor" : "user", c->name, (int)c->data_len,
                                (const char *)c->data) != 0)
            return -1;
    }
    return 0;
}

static int note_fallback(const pxb_boot_plan *plan, const pxb_ms_state *have, pxb_ms_diff *d)
{
    char uefi[PXB_MS_FINDING_MAX / 2];
    pxb_text list;
    size_t n = 0;

    pxb_text_init(&list, uefi, sizeof uefi);
    for (size_t s = PXB_STAGE_UEFI_X64; s < PXB_STAGE_COUNT; s++)
        if (plan->stage[s][0] != '\0')
            pxb_text_printf(&list, "%s%s (%s)", n++ ? ", " : "",
                            pxb_stage((enum pxb_stage)s)->label, plan->stage[s]);
    if (pxb_ms_diff_finding(d, PXB_MS_WARNING, "the server runs DHCP Server %u.%u (Windows "
                            "Server 2008 R2 or older) without policies: pxebridge falls back "
                            "to user-class option values, BIOS and iPXE only: every client "
                            "gets 066 and 067 %s, clients with user class iPXE get the boot "
                            "script", have->major, have->minor,
                            plan->stage[PXB_STAGE_BIOS]) != 0)
        return -1;
    if (n == 0)
        return 0;
    return pxb_ms_diff_finding(d, PXB_MS_WARNING, "not served on this server: %s. Without "
                               "policies a DHCP server cannot tell UEFI clients from BIOS ones "
                               "(option 93): they would get the BIOS image and fail. UEFI "
                               "needs Windows Server 2012 or later (pxebridge then creates the "
                               "policies), or a scope of their own with 067 set to their image",
                               uefi);
}

/* The levels whose options reach the plan's clients: the server's, and the plan's scopes
 * (every scope when the plan works at server level). */
static int reaches_plan(const pxb_boot_plan *plan, const pxb_ms_level *level)
{
    if (level->global || plan->scope_count == 0)
        return 1;
    for (size_t i = 0; i < plan->scope_count; i++)
        if (plan->scopes[i].network == level->subnet)
            return 1;
    return 0;
}

/* The commands that remove value opt of v: PowerShell, then netsh in parentheses. */
static void removal_commands(const pxb_ms_values *v, enum pxb_ms_opt opt, const char *server,
                             pxb_text *out)
{
    int remote = server != NULL && server[0] != '\0';
    unsigned id = pxb_ms_opt_id(opt);
    char net[PXB_IPV4_TEXT_MAX];

    pxb_ipv4_format(v->level.subnet, net);
    pxb_text_put(out, "Remove-DhcpServerv4OptionValue");
    if (remote)
        pxb_text_printf(out, " -ComputerName %s", server);
    if (!v->level.global)
        pxb_text_printf(out, " -ScopeId %s", net);
    pxb_text_printf(out, " -OptionId %u", id);
    if (v->class_name[0] != '\0')
        pxb_text_printf(out, " -UserClass '%s'", v->class_name);
    pxb_text_put(out, " (or: netsh dhcp server");
    if (remote)
        pxb_text_printf(out, " \\\\%s", server);
    if (!v->level.global)
        pxb_text_printf(out, " scope %s", net);
    pxb_text_printf(out, " delete optionvalue %u", id);
    if (v->class_name[0] != '\0')
        pxb_text_printf(out, " user=\"%s\"", v->class_name);
    pxb_text_put(out, ")");
}

/* A value outside any policy: for every client, or (3.1.1.11) for one user class. */
static int warn_leftover(const pxb_ms_values *v, enum pxb_ms_opt opt, const char *server,
                         pxb_ms_diff *d)
{
    char level[32], fix[512], who[PXB_MS_NAME_MAX + 64];
    pxb_text t;

    pxb_ms_level_name(&v->level, level);
    pxb_text_init(&t, fix, sizeof fix);
    removal_commands(v, opt, server, &t);
    if (v->class_name[0] != '\0')
        snprintf(who, sizeof who, "for user class '%s' (a classed value of the V5 calls)",
                 v->class_name);
    else
        snprintf(who, sizeof who, "for every client");
    return pxb_ms_diff_finding(d, PXB_MS_WARNING, "%s has option %03u = '%s' %s, outside any "
                               "policy (left from an earlier setup?): clients no pxebridge "
                               "policy matches get it, and it hides mistakes. pxebridge leaves "
                               "it alone; to remove it: %s", level, pxb_ms_opt_id(opt),
                               v->options.value[opt], who, fix);
}

static int warn_leftovers(const pxb_boot_plan *plan, const pxb_ms_state *have,
                          const char *server, pxb_ms_diff *d)
{
    for (size_t i = 0; i < have->value_count; i++) {
        const pxb_ms_values *v = &have->values[i];
        int classed = v->class_name[0] != '\0';
        if (!reaches_plan(plan, &v->level) || (classed && !have->has_policies))
            continue;
        for (int o = 0; o < PXB_MS_OPT_COUNT; o++) {
            /* Without policies 066 and 067 are pxebridge's own means. */
            if (!v->options.has[o] || (!have->has_policies && o != PXB_MS_OPT_060))
                continue;
            if (warn_leftover(v, (enum pxb_ms_opt)o, server, d) != 0)
                return -1;
        }
    }
    return 0;
}

int pxb_ms_check_opt60(const pxb_ms_state *have, const pxb_ms_state *want, const char *server,
                       pxb_ms_diff *d)
{
    int remote = server != NULL && server[0] != '\0';

    if (!have->has_opt60 || !have->opt60_wrong_type)
        return 0;
    return pxb_ms_diff_finding(d, want->has_opt60 ? PXB_MS_BLOCKER : PXB_MS_WARNING,
                               "option 060 is defined on the server, but not as one string: "
                               "UEFI HTTP boot needs 060 = '%s' as a string. To fix it: "
                               "Remove-DhcpServerv4OptionDefinition%s%s -OptionId 60 (or: "
                               "netsh dhcp server%s%s delete optiondef 60), then run apply "
                               "(pxebridge defines it as a string)", PXB_HTTP_CLIENT_ID,
                               remote ? " -ComputerName " : "", remote ? server : "",
                               remote ? " \\\\" : "", remote ? server : "");
}

/* The last processing order of pxebridge's policies at a level; 0 if it has none there. */
static unsigned last_owned(const pxb_ms_state *s, const pxb_ms_level *level)
{
    unsigned last = 0;

    for (size_t i = 0; i < s->policy_count; i++) {
        const pxb_ms_policy *p = &s->policies[i];
        if (pxb_ms_owned(p->description) && pxb_ms_level_equal(&p->level, level) &&
            p->order > last)
            last = p->order;
    }
    return last;
}

static int shadows(const pxb_ms_state *after, const pxb_ms_policy *a,
                   const pxb_ms_level *levels, size_t n)
{
    for (size_t l = 0; l < n; l++) {
        if (levels[l].global && !a->level.global)
            return 1;
        if (pxb_ms_level_equal(&a->level, &levels[l]) && a->order < last_owned(after, &levels[l]))
            return 1;
    }
    return 0;
}

static int warn_shadows(const pxb_boot_plan *plan, const pxb_ms_state *after, pxb_ms_diff *d)
{
    pxb_ms_level levels[PXB_PLAN_SCOPES_MAX];
    size_t n = pxb_ms_plan_levels(plan, levels);
    char level[32];

    for (size_t i = 0; i < after->policy_count; i++) {
        const pxb_ms_policy *a = &after->policies[i];
        const pxb_ms_options *o = &a->options;
        if (pxb_ms_owned(a->description) || !a->enabled ||
            !(o->has[PXB_MS_OPT_066] || o->has[PXB_MS_OPT_067] || o->has[PXB_MS_OPT_060]) ||
            !shadows(after, a, levels, n))
            continue;
        pxb_ms_level_name(&a->level, level);
        if (pxb_ms_diff_finding(d, PXB_MS_WARNING, "policy '%s' on %s (order %u, not "
                                "pxebridge's) sets boot options and is processed before "
                                "pxebridge's policies: the clients it matches get its values. "
                                "Make sure its conditions match no PXE or iPXE client, or "
                                "delete it", a->name, level, a->order) != 0)
            return -1;
    }
    return 0;
}

int pxb_ms_findings(const pxb_boot_plan *plan, const pxb_ms_state *have,
                    const pxb_ms_state *want, const pxb_ms_state *after, const char *server,
                    pxb_ms_diff *out)
{
    if (note_reused(have, want, out) != 0)
        return -1;
    if (!have->has_policies && note_fallback(plan, have, out) != 0)
        return -1;
    if (warn_leftovers(plan, have, server, out) != 0)
        return -1;
    return have->has_policies ? warn_shadows(plan, after, out) : 0;
}
