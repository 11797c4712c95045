/* ms_write.c: one change of the model as dhcpsapi calls (see ms_write.h): DhcpCreateOptionV5 /
 * DhcpRemoveOptionV5 for option 060's definition, DhcpCreateClass / DhcpDeleteClass,
 * DhcpV4CreatePolicy (then its option values) / DhcpV4DeletePolicy / DhcpV4SetPolicy, and
 * option values through DhcpV4SetOptionValue / DhcpV4RemoveOptionValue for a policy or the
 * V5 calls for a user class or everyone. */
#include "ms_write.h"

#include <stdlib.h>
#include <string.h>

#include "ms_call.h"
#include "ms_wide.h"

/* The wide strings and arrays one call needs; freed together. */
typedef struct args {
    LPWSTR text[4];
    int oom;
    DHCP_POL_COND conds[PXB_MS_CONDS_MAX];
    DHCP_POL_EXPR exprs[PXB_MS_EXPRS_MAX];
    LPWSTR vendors[PXB_MS_CONDS_MAX];
    DHCP_POL_COND_ARRAY cond_array;
    DHCP_POL_EXPR_ARRAY expr_array;
    DHCP_IP_RANGE_ARRAY no_ranges; /* {0, NULL}: the policy covers its whole level */
} args;

static LPWSTR wide(args *a, size_t slot, const char *s)
{
    int oom;

    a->text[slot] = pxb_wide(s, 1, &oom);
    a->oom |= oom;
    return a->text[slot];
}

static void free_args(args *a)
{
    for (size_t i = 0; i < sizeof a->text / sizeof a->text[0]; i++)
        free(a->text[i]);
    for (size_t i = 0; i < PXB_MS_CONDS_MAX; i++)
        free(a->vendors[i]);
}

static int create_optdef(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_change *c,
                         pxb_ms_error *err)
{
    args a = {0};
    DHCP_OPTION def;
    DHCP_OPTION_DATA_ELEMENT empty;
    WCHAR nothing[1] = {0};
    DWORD code;

    memset(&def, 0, sizeof def);
    memset(&empty, 0, sizeof empty);
    def.OptionID = 60;
    def.OptionName = wide(&a, 0, "Class ID");
    def.OptionComment = wide(&a, 1, c->comment);
    def.OptionType = DhcpUnaryElementTypeOption;
    /* The server takes the option's data type from its default value's element. */
    empty.OptionType = DhcpStringDataOption;
    empty.Element.StringDataOption = nothing;
    def.DefaultValue.NumElements = 1;
    def.DefaultValue.Elements = &empty;
    code = a.oom ? 0 : api->CreateOption(server, 0, 60, NULL, NULL, &def);
    free_args(&a);
    if (a.oom)
        return pxb_ms_no_memory(err);
    return code ? pxb_ms_failed(err, "DhcpCreateOptionV5", code, "option 060") : 0;
}

/* A definition already gone counts as deleted. */
static int delete_optdef(const pxb_dhcpsapi *api, LPWSTR server, pxb_ms_error *err)
{
    DWORD code;

    if (api->RemoveOption == NULL)
        return pxb_ms_failed(err, "DhcpRemoveOptionV5", ERROR_PROC_NOT_FOUND,
                             "this dhcpsapi.dll cannot delete option definitions: remove "
                             "option 060 with Remove-DhcpServerv4OptionDefinition -OptionId 60");
    code = api->RemoveOption(server, 0, 60, NULL, NULL);
    return code && !pxb_ms_absent(code) ? pxb_ms_failed(err, "DhcpRemoveOptionV5", code, "option 060") : 0;
}

static int create_class(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_class *cls,
                        pxb_ms_error *err)
{
    args a = {0};
    DHCP_CLASS_INFO info;
    BYTE data[PXB_MS_DATA_MAX];
    DWORD code;

    memset(&info, 0, sizeof info);
    memcpy(data, cls->data, cls->data_len);
    info.ClassName = wide(&a, 0, cls->name);
    info.ClassComment = wide(&a, 1, cls->comment);
    info.IsVendor = cls->is_vendor;
    info.ClassDataLength = (DWORD)cls->data_len;
    info.ClassData = data;
    code = a.oom ? 0 : api->CreateClass(server, 0, &info);
    free_args(&a);
    if (a.oom)
        return pxb_ms_no_memory(err);
    return code ? pxb_ms_failed(err, "DhcpCreateClass", code, cls->name) : 0;
}

static int delete_class(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_class *cls,
                        pxb_ms_error *err)
{
    args a = {0};
    DWORD code;
    LPWSTR name = wide(&a, 0, cls->name);

    code = a.oom ? 0 : api->DeleteClass(server, 0, name);
    free_args(&a);
    if (a.oom)
        return pxb_ms_no_memory(err);
    return code ? pxb_ms_failed(err, "DhcpDeleteClass", code, cls->name) : 0;
}

/* Fills a DHCP_POLICY from the model (Ranges an empty array, never NULL); strings and
 * arrays live in a. */
static void to_api(const pxb_ms_policy *p, args *a, DHCP_POLICY *out)
{
    memset(out, 0, sizeof *out);
    out->PolicyName = wide(a, 0, p->name);
    out->IsGlobalPolicy = p->level.global;
    out->Subnet = p->level.global ? 0 : p->level.subnet;
    out->ProcessingOrder = p->order;
    out->Description = wide(a, 1, p->description);
    out->Enabled = p->enabled;
    for (size_t i = 0; i < p->expr_count; i++) {
        a->exprs[i].ParentExpr = p->exprs[i].parent;
        a->exprs[i].Operator = p->exprs[i].op == PXB_MS_AND ? DhcpLogicalAnd : DhcpLogicalOr;
    }
    for (size_t i = 0; i < p->cond_count; i++) {
        const pxb_ms_cond *k = &p->conds[i];
        int oom;
        a->conds[i].ParentExpr = k->parent;
        a->conds[i].Type = (DHCP_POL_ATTR_TYPE)k->type;
        a->conds[i].OptionID = k->option;
        a->conds[i].SubOptionID = k->suboption;
        /* NULL for the standard option space (3.2.4.109 looks a VendorName up). */
        a->vendors[i] = pxb_wide(k->vendor, 1, &oom);
        a->oom |= oom;
        a->conds[i].VendorName = a->vendors[i];
        a->conds[i].Operator = (DHCP_POL_COMPARATOR)k->op;
        a->conds[i].Value = (LPBYTE)k->value;
        a->conds[i].ValueLength = (DWORD)k->value_len;
    }
    a->expr_array.NumElements = (DWORD)p->expr_count;
    a->expr_array.Elements = a->exprs;
    a->cond_array.NumElements = (DWORD)p->cond_count;
    a->cond_array.Elements = a->conds;
    out->Expressions = &a->expr_array;
    out->Conditions = &a->cond_array;
    /* 3.2.4.109 refuses a NULL Ranges (87); a server-level policy has none (20108). */
    out->Ranges = &a->no_ranges;
}

/* Sets (value != NULL) or removes one option value at a level, for a policy, a user class
 * or everyone. Removing a value that is not set counts as done. */
static int put_value(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_level *level,
                     const char *policy, const char *class_name, enum pxb_ms_opt opt,
                     const char *value, pxb_ms_error *err)
{
    args a = {0};
    DHCP_OPTION_SCOPE_INFO scope;
    DHCP_OPTION_DATA_ELEMENT elem;
    DHCP_OPTION_DATA data = {1, &elem};
    DWORD id = pxb_ms_opt_id(opt), code = 0;
    LPWSTR wpolicy = wide(&a, 0, policy);
    LPWSTR wclass = wide(&a, 1, class_name);
    const char *call;

    pxb_ms_scope_info(level, &scope);
    elem.OptionType = DhcpStringDataOption;
    elem.Element.StringDataOption = value ? wide(&a, 2, value) : NULL;
    if (wpolicy != NULL)
        call = value ? "DhcpV4SetOptionValue" : "DhcpV4RemoveOptionValue";
    else
        call = value ? "DhcpSetOptionValueV5" : "DhcpRemoveOptionValueV5";
    if (!a.oom && wpolicy != NULL)
        code = value ? api->SetPolicyValue(server, 0, id, wpolicy, NULL, &scope, &data)
                     : api->RemovePolicyValue(server, 0, id, wpolicy, NULL, &scope);
    else if (!a.oom)
        code = value ? api->SetValue(server, 0, id, wclass, NULL, &scope, &data)
                     : api->RemoveValue(server, 0, id, wclass, NULL, &scope);
    free_args(&a);
    if (a.oom)
        return pxb_ms_no_memory(err);
    if (value == NULL && pxb_ms_absent(code))
        return 0;
    return code ? pxb_ms_failed(err, call, code, "") : 0;
}

static int delete_policy(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_policy *p,
                         pxb_ms_error *err)
{
    args a = {0};
    LPWSTR name = wide(&a, 0, p->name);
    DWORD code = a.oom ? 0 : api->DeletePolicy(server, p->level.global, p->level.subnet, name);

    free_args(&a);
    if (a.oom)
        return pxb_ms_no_memory(err);
    return code ? pxb_ms_failed(err, "DhcpV4DeletePolicy", code, p->name) : 0;
}

static int create_policy(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_policy *p,
                         pxb_ms_error *err)
{
    args a = {0};
    DHCP_POLICY pol;
    DWORD code;

    to_api(p, &a, &pol);
    code = a.oom ? 0 : api->CreatePolicy(server, &pol);
    free_args(&a);
    if (a.oom)
        return pxb_ms_no_memory(err);
    if (code != 0)
        return pxb_ms_failed(err, "DhcpV4CreatePolicy", code, p->name);
    for (int i = 0; i < PXB_MS_OPT_COUNT; i++) {
        pxb_ms_error ignored;
        if (!p->options.has[i] ||
            put_value(api, server, &p->level, p->name, "", (enum pxb_ms_opt)i,
                      p->options.value[i], err) == 0)
            continue;
        delete_policy(api, server, p, &ignored);
        return -1;
    }
    return 0;
}

/* One field per call (ms_diff.c lists one change per field): 3.2.4.111 names single
 * DHCP_POLICY_FIELDS_TO_UPDATE values, and every field it checks is filled in. */
static int set_policy(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_change *c,
                      pxb_ms_error *err)
{
    args a = {0};
    DHCP_POLICY pol;
    DWORD code;

    to_api(&c->policy, &a, &pol);
    code = a.oom ? 0 : api->SetPolicy(server, c->fields, c->policy.level.global,
                                      c->policy.level.subnet, pol.PolicyName, &pol);
    free_args(&a);
    if (a.oom)
        return pxb_ms_no_memory(err);
    return code ? pxb_ms_failed(err, "DhcpV4SetPolicy", code, c->policy.name) : 0;
}

int pxb_ms_write(const pxb_dhcpsapi *api, LPWSTR server, const pxb_ms_change *c,
                 pxb_ms_error *err)
{
    switch (c->op) {
    case PXB_MS_CREATE_OPTDEF:
        return create_optdef(api, server, c, err);
    case PXB_MS_DELETE_OPTDEF:
        return delete_optdef(api, server, err);
    case PXB_MS_CREATE_CLASS:
        return create_class(api, server, &c->cls, err);
    case PXB_MS_DELETE_CLASS:
        return delete_class(api, server, &c->cls, err);
    case PXB_MS_CREATE_POLICY:
        return create_policy(api, server, &c->policy, err);
    case PXB_MS_DELETE_POLICY:
        return delete_policy(api, server, &c->policy, err);
    case PXB_MS_SET_POLICY:
        return set_policy(api, server, c, err);
    case PXB_MS_SET_VALUE:
        return put_value(api, server, &c->level, c->policy_name, c->class_name, c->opt,
                         c->value, err);
    case PXB_MS_REMOVE_VALUE:
        return put_value(api, server, &c->level, c->policy_name, c->class_name, c->opt, NULL,
                         err);
    }
    return pxb_ms_failed(err, "pxb_ms_write", PXB_ERROR_INVALID_PARAMETER, "unknown change");
}
