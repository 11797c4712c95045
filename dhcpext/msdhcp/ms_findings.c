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

/* The value v holds for opt is one the plan sets there itself (ProxyDhcp=4011's 060, the
 * fallback's values). */
static int is_own(const pxb_ms_state *want, const pxb_ms_values *v, enum pxb_ms_opt opt)
{
    const pxb_ms_values *w = pxb_ms_find_values(want, &v->level, v->class_name);

    return w != NULL && w->options.has[opt] && strcmp(w->options.value[opt],
                                                     v->options.value[opt]) == 0;
}

/* Whether policy p tests for the data of user class class_name (user class EQ). */
static int tests_user_class(const pxb_ms_state *s, const pxb_ms_policy *p,
                            const char *class_name)
{
    const pxb_ms_class *c = pxb_ms_find_class(s, class_name);

    for (size_t i = 0; c != NULL && i < p->cond_count; i++) {
        const pxb_ms_cond *k = &p->conds[i];
        if (k->type == PXB_MS_ATTR_OPTION && k->option == 77 && k->op == PXB_MS_EQ &&
            k->value_len == c->data_len && memcmp(k->value, c->data, c->data_len) == 0)
            return 1;
    }
    return 0;
}

enum meeting { MEETS_NOT, MEETS_REPLACES, MEETS_ADDS };

/* What value opt of v (outside policies) does to the clients of pxebridge's policy p, by
 * Microsoft's precedence (scope policy, scope option, server policy, server option;
 * ms_answer.h): nothing where they are another scope's clients or p's value outranks it, it
 * replaces p's value where a scope's option meets a server-level policy, it is added to p's
 * answer where p does not set opt. */
static enum meeting value_meets(const pxb_ms_state *s, const pxb_ms_values *v,
                                enum pxb_ms_opt opt, const pxb_ms_policy *p)
{
    if (!v->level.global && !p->level.global && v->level.subnet != p->level.subnet)
        return MEETS_NOT;
    if (v->class_name[0] != '\0' && !tests_user_class(s, p, v->class_name))
        return MEETS_NOT;
    if (!p->options.has[opt])
        return MEETS_ADDS;
    if (!v->level.global && p->level.global &&
        strcmp(p->options.value[opt], v->options.value[opt]) != 0)
        return MEETS_REPLACES;
    return MEETS_NOT;
}

/* The names of pxebridge's enabled policies in `after` that value opt of v meets as `how`,
 * quoted and separated by commas; 0 if none. */
static size_t list_met(const pxb_ms_state *after, const pxb_ms_values *v, enum pxb_ms_opt opt,
                       enum meeting how, pxb_text *out)
{
    size_t n = 0;

    for (size_t i = 0; i < after->policy_count; i++) {
        const pxb_ms_policy *p = &after->policies[i];
        if (!pxb_ms_owned(p->description) || !p->enabled || value_meets(after, v, opt, p) != how)
            continue;
        pxb_text_printf(out, "%s'%s'", n++ ? ", " : "", p->name);
    }
    return n;
}

/* What a leftover value does to the clients of pxebridge's policies, for its warning. */
static void describe_effect(const pxb_ms_state *after, const pxb_ms_values *v,
                            enum pxb_ms_opt opt, pxb_text *out)
{
    char replaced[PXB_MS_FINDING_MAX / 3], added[PXB_MS_FINDING_MAX / 3];
    pxb_text r, a;
    size_t nr, na;

    pxb_text_init(&r, replaced, sizeof replaced);
    pxb_text_init(&a, added, sizeof added);
    nr = list_met(after, v, opt, MEETS_REPLACES, &r);
    na = list_met(after, v, opt, MEETS_ADDS, &a);
    if (nr == 0 && na == 0) {
        pxb_text_put(out, " (left from an earlier setup?): clients no pxebridge policy matches "
                          "get it, and it hides mistakes");
        return;
    }
    if (nr > 0)
        pxb_text_printf(out, ": it takes precedence over pxebridge's policies (a scope's "
                        "option outranks a server-level policy): the clients of %s get it "
                        "instead of pxebridge's %03u", replaced, pxb_ms_opt_id(opt));
    if (na > 0)
        pxb_text_printf(out, "%s: the clients of %s get it along with pxebridge's answer (%s "
                        "not set %03u)", nr ? "; and" : "", added,
                        na > 1 ? "those policies do" : "that policy does", pxb_ms_opt_id(opt));
}

/* A value outside any policy: for every client, or (3.1.1.11) for one user class. */
static int warn_leftover(const pxb_ms_state *after, const pxb_ms_values *v, enum pxb_ms_opt opt,
                         const char *server, pxb_ms_diff *d)
{
    char level[32], fix[512], who[PXB_MS_NAME_MAX + 64], effect[PXB_MS_FINDING_MAX];
    pxb_text t, e;

    pxb_ms_level_name(&v->level, level);
    pxb_text_init(&t, fix, sizeof fix);
    removal_commands(v, opt, server, &t);
    pxb_text_init(&e, effect, sizeof effect);
    describe_effect(after, v, opt, &e);
    if (v->class_name[0] != '\0')
        snprintf(who, sizeof who, "for user class '%s' (a classed value of the V5 calls)",
                 v->class_name);
    else
        snprintf(who, sizeof who, "for every client");
    return pxb_ms_diff_finding(d, PXB_MS_WARNING, "%s has option %03u = '%s' %s, outside any "
                               "policy%s. pxebridge leaves it alone; to remove it: %s", level,
                               pxb_ms_opt_id(opt), v->options.value[opt], who, effect, fix);
}

/* Whether pxebridge's proxy answers on port 4011 for the clients of a level: ProxyDhcp=4011
 * and the level inside the plan (a server-level value also reaches scopes outside Scopes). */
static int answered_on_4011(const pxb_boot_plan *plan, const pxb_ms_level *level)
{
    return plan->proxy_dhcp == PXB_PROXY_4011 &&
           (plan->scope_count == 0 || (!level->global && reaches_plan(plan, level)));
}

static int sends_to_4011(const pxb_ms_values *v)
{
    return v->options.has[PXB_MS_OPT_060] &&
           strncmp(v->options.value[PXB_MS_OPT_060], PXB_VENDOR_PXE,
                   strlen(PXB_VENDOR_PXE)) == 0;
}

/* Option 060 PXEClient where nothing of pxebridge answers on port 4011. */
static int warn_pxe_client(const pxb_boot_plan *plan, const pxb_ms_values *v,
                           const char *server, pxb_ms_diff *d)
{
    char level[32], fix[512], why[160];
    pxb_text t;

    pxb_ms_level_name(&v->level, level);
    pxb_text_init(&t, fix, sizeof fix);
    removal_commands(v, PXB_MS_OPT_060, server, &t);
    if (plan->proxy_dhcp != PXB_PROXY_4011)
        snprintf(why, sizeof why, "ProxyDhcp is %s; where pxebridge runs on that DHCP server: "
                 "pxebridge config set ProxyDhcp=4011, then pxebridge dhcp apply",
                 plan->proxy_dhcp == PXB_PROXY_ON ? "on" : "off");
    else
        snprintf(why, sizeof why, "its clients are outside Scopes, which the proxy ignores; "
                 "take their scope into Scopes%s", v->level.global ? " (or list every scope)"
                                                                    : "");
    return pxb_ms_diff_finding(d, PXB_MS_WARNING, "%s has option 060 = '%s'%s: PXE clients "
                               "that get it ask port 4011 of the DHCP server for their boot "
                               "file, and nothing of pxebridge answers there (%s): EDK2 UEFI "
                               "clients stop at 'Start PXE over IPv4' while BIOS ones may "
                               "boot. Unless WDS or another PXE responder answers on port 4011 "
                               "of that server, fix it as said or remove the value: %s", level,
                               v->options.value[PXB_MS_OPT_060],
                               v->class_name[0] ? " for a user class" : " for every client",
                               why, fix);
}

/* One value of one option: 060 PXEClient with nothing answering on 4011 on any level, else
 * a leftover where it reaches the plan's clients. */
static int check_value(const pxb_boot_plan *plan, const pxb_ms_state *have,
                       const pxb_ms_state *after, const pxb_ms_values *v, enum pxb_ms_opt opt,
                       const char *server, pxb_ms_diff *d)
{
    if (opt == PXB_MS_OPT_060 && sends_to_4011(v) && !answered_on_4011(plan, &v->level))
        return warn_pxe_client(plan, v, server, d);
    /* Without policies 066 and 067 are pxebridge's own means. */
    if (!reaches_plan(plan, &v->level) || (!have->has_policies && opt != PXB_MS_OPT_060) ||
        (v->class_name[0] != '\0' && !have->has_policies))
        return 0;
    return warn_leftover(after, v, opt, server, d);
}

static int warn_leftovers(const pxb_boot_plan *plan, const pxb_ms_state *have,
                          const pxb_ms_state *want, const pxb_ms_state *after,
                          const char *server, pxb_ms_diff *d)
{
    for (size_t i = 0; i < have->value_count; i++) {
        const pxb_ms_values *v = &have->values[i];
        for (int o = 0; o < PXB_MS_OPT_COUNT; o++) {
            enum pxb_ms_opt opt = (enum pxb_ms_opt)o;
            if (!v->options.has[o] || is_own(want, v, opt))
                continue;
            if (check_value(plan, have, after, v, opt, server, d) != 0)
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
                               "UEFI HTTP boot needs 060 = '%s' and ProxyDhcp=4011 060 = '%s', "
                               "each as a string. To fix it: "
                               "Remove-DhcpServerv4OptionDefinition%s%s -OptionId 60 (or: "
                               "netsh dhcp server%s%s delete optiondef 60), then run apply "
                               "(pxebridge defines it as a string)", PXB_HTTP_CLIENT_ID,
                               PXB_VENDOR_PXE, remote ? " -ComputerName " : "", remote ? server : "",
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

/* The boot files the server hands PXE clients as it will be after the changes: pxebridge's
 * policies, and any option 067 in a policy or for every client. 0 if none. */
static size_t list_boot_answers(const pxb_ms_state *want, const pxb_ms_state *after,
                                pxb_text *out)
{
    char level[32];
    size_t n = 0;

    for (size_t i = 0; i < after->policy_count; i++) {
        const pxb_ms_policy *p = &after->policies[i];
        if (!p->enabled || !p->options.has[PXB_MS_OPT_067])
            continue;
        pxb_ms_level_name(&p->level, level);
        pxb_text_printf(out, "%s%spolicy '%s' on %s", n++ ? ", " : "",
                        pxb_ms_owned(p->description) ? "pxebridge's " : "", p->name, level);
    }
    for (size_t i = 0; i < after->value_count; i++) {
        const pxb_ms_values *v = &after->values[i];
        if (!v->options.has[PXB_MS_OPT_067] || v->class_name[0] != '\0')
            continue;
        pxb_ms_level_name(&v->level, level);
        pxb_text_printf(out, "%s%soption 067 = '%s' on %s", n++ ? ", " : "",
                        is_own(want, v, PXB_MS_OPT_067) ? "pxebridge's " : "",
                        v->options.value[PXB_MS_OPT_067], level);
    }
    return n;
}

/* ProxyDhcp=on while the DHCP server hands PXE clients a boot file too: two answers. */
static int warn_two_answers(const pxb_boot_plan *plan, const pxb_ms_state *want,
                            const pxb_ms_state *after, const char *server, pxb_ms_diff *d)
{
    char answers[PXB_MS_FINDING_MAX / 2];
    int remote = server != NULL && server[0] != '\0';
    pxb_text t;

    pxb_text_init(&t, answers, sizeof answers);
    if (plan->proxy_dhcp != PXB_PROXY_ON || list_boot_answers(want, after, &t) == 0)
        return 0;
    return pxb_ms_diff_finding(d, PXB_MS_WARNING, "ProxyDhcp is on (the PxeBridge service "
                               "answers PXE clients on ports 67 and 4011) while this DHCP "
                               "server hands them a boot file too: %s. Each such client gets "
                               "two boot answers and its firmware picks one. Let the proxy "
                               "answer alone: pxebridge dhcp remove%s%s (and remove the other "
                               "067 values and policies listed), or let the DHCP server "
                               "answer: pxebridge config set ProxyDhcp=off", answers,
                               remote ? " --server " : "", remote ? server : "");
}

int pxb_ms_findings(const pxb_boot_plan *plan, const pxb_ms_state *have,
                    const pxb_ms_state *want, const pxb_ms_state *after, const char *server,
                    pxb_ms_diff *out)
{
    if (note_reused(have, want, out) != 0)
        return -1;
    if (!have->has_policies && note_fallback(plan, have, out) != 0)
        return -1;
    if (warn_leftovers(plan, have, want, after, server, out) != 0 ||
        warn_two_answers(plan, want, after, server, out) != 0)
        return -1;
    return have->has_policies ? warn_shadows(plan, after, out) : 0;
}
