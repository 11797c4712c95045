/* ms_read.c: reads a Microsoft DHCP server into the object model through dhcpsapi.dll:
 * version, subnets, classes, option 060's definition (and whether it is one string),
 * server-level and per-scope policies (DhcpV4EnumPoliciesEx on 2012 R2 and later) with their
 * option values 066 / 067 / 060, and the values outside policies (server and scope level,
 * for everyone and per iPXE user class); and, apart, the server's failover relationships
 * (DhcpV4FailoverEnumRelationship). Every enumeration pages with its resume handle and
 * takes the last batch whatever code comes with it, and every returned pointer, nested ones
 * included, goes back through DhcpRpcFreeMemory. */
#include "ms_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ms_call.h"
#include "ms_wide.h"

/* Ask for this many bytes per batch: the server decides how many items that is. */
#define PREF_MAX 0x10000u

typedef struct reader {
    const pxb_dhcpsapi *api;
    LPWSTR server;
    pxb_ms_state *s;
    pxb_ms_error *err;
    pxb_ms_level level; /* the level whose policies are being read */
    pxb_ms_failover *failover; /* pxb_ms_read_failover's output */
} reader;

/* One enumeration call: the batch after *resume into *batch. Returns the call's code. */
typedef DWORD (*fetch_fn)(reader *r, DWORD *resume, void **batch);
/* Takes what it needs from one batch (may be NULL) and frees it: 0, or -1 with r->err. */
typedef int (*take_fn)(reader *r, void *batch);

/* Pages through an enumeration while the server answers ERROR_MORE_DATA. ERROR_SUCCESS and
 * ERROR_NO_MORE_ITEMS end it, and either may come with the last batch (MS-DHCPM 3.2.4.113;
 * 3.1.4.4, 3.2.4.29), which is taken before the code is looked at. A server that answers
 * ERROR_MORE_DATA without moving the resume handle ends it with an error, not a loop. 0, or
 * -1 with r->err. */
static int enumerate(reader *r, const char *call, fetch_fn fetch, take_fn take)
{
    DWORD resume = 0;
    DWORD code = PXB_ERROR_MORE_DATA;

    while (code == PXB_ERROR_MORE_DATA) {
        void *batch = NULL;
        DWORD before = resume;
        code = fetch(r, &resume, &batch);
        if (code != ERROR_SUCCESS && code != PXB_ERROR_MORE_DATA &&
            code != PXB_ERROR_NO_MORE_ITEMS)
            return pxb_ms_failed(r->err, call, code, "");
        if (take(r, batch) != 0)
            return -1;
        if (code == PXB_ERROR_MORE_DATA && resume == before)
            return pxb_ms_failed(r->err, call, code, "the resume handle did not move");
    }
    return 0;
}

static int read_version(reader *r)
{
    DWORD major = 0, minor = 0;
    DWORD rc = r->api->GetVersion(r->server, &major, &minor);

    if (rc != ERROR_SUCCESS)
        return pxb_ms_failed(r->err, "DhcpGetVersion", rc, "");
    r->s->major = major;
    r->s->minor = minor;
    r->s->has_policies = major > PXB_MS_POLICY_MAJOR ||
                         (major == PXB_MS_POLICY_MAJOR && minor >= PXB_MS_POLICY_MINOR);
    return 0;
}

static DWORD fetch_subnets(reader *r, DWORD *resume, void **batch)
{
    LPDHCP_IP_ARRAY arr = NULL;
    DWORD got = 0, total = 0;
    DWORD code = r->api->EnumSubnets(r->server, resume, PREF_MAX, &arr, &got, &total);

    *batch = arr;
    return code;
}

static int take_subnets(reader *r, void *batch)
{
    LPDHCP_IP_ARRAY arr = batch;
    int rc = 0;

    if (arr == NULL)
        return 0;
    for (DWORD i = 0; i < arr->NumElements && rc == 0; i++)
        rc = pxb_ms_add_subnet(r->s, arr->Elements[i]);
    r->api->Free(arr->Elements);
    r->api->Free(arr);
    return rc != 0 ? pxb_ms_no_memory(r->err) : 0;
}

static void copy_bytes(const BYTE *from, DWORD len, uint8_t *to, size_t *to_len)
{
    *to_len = len < PXB_MS_DATA_MAX ? len : PXB_MS_DATA_MAX;
    if (*to_len > 0)
        memcpy(to, from, *to_len);
}

static void free_class(const pxb_dhcpsapi *api, DHCP_CLASS_INFO *c)
{
    api->Free(c->ClassName);
    api->Free(c->ClassComment);
    api->Free(c->ClassData);
}

static DWORD fetch_classes(reader *r, DWORD *resume, void **batch)
{
    LPDHCP_CLASS_INFO_ARRAY arr = NULL;
    DWORD got = 0, total = 0;
    DWORD code = r->api->EnumClasses(r->server, 0, resume, PREF_MAX, &arr, &got, &total);

    *batch = arr;
    return code;
}

static int take_classes(reader *r, void *batch)
{
    LPDHCP_CLASS_INFO_ARRAY arr = batch;
    int oom = 0;

    if (arr == NULL)
        return 0;
    for (DWORD i = 0; i < arr->NumElements; i++) {
        DHCP_CLASS_INFO *in = &arr->Classes[i];
        pxb_ms_class *c = oom ? NULL : pxb_ms_add_class(r->s);
        if (c != NULL) {
            pxb_narrow(in->ClassName, c->name, sizeof c->name);
            pxb_narrow(in->ClassComment, c->comment, sizeof c->comment);
            c->is_vendor = in->IsVendor != FALSE;
            copy_bytes(in->ClassData, in->ClassDataLength, c->data, &c->data_len);
        }
        oom |= c == NULL;
        free_class(r->api, in);
    }
    r->api->Free(arr->Classes);
    r->api->Free(arr);
    return oom ? pxb_ms_no_memory(r->err) : 0;
}

static void free_option_data(const pxb_dhcpsapi *api, DHCP_OPTION_DATA *d)
{
    for (DWORD i = 0; d->Elements != NULL && i < d->NumElements; i++) {
        DHCP_OPTION_DATA_ELEMENT *e = &d->Elements[i];
        if (e->OptionType == DhcpStringDataOption)
            api->Free(e->Element.StringDataOption);
        else if (e->OptionType == DhcpIpv6AddressOption)
            api->Free(e->Element.Ipv6AddressDataOption);
        else if (e->OptionType == DhcpBinaryDataOption)
            api->Free(e->Element.BinaryDataOption.Data);
        else if (e->OptionType == DhcpEncapsulatedDataOption)
            api->Free(e->Element.EncapsulatedDataOption.Data);
    }
    api->Free(d->Elements);
}

/* A value as text: strings as they are, IP addresses dotted, numbers in decimal. */
static void option_text(const DHCP_OPTION_DATA *d, char *out, size_t len)
{
    const DHCP_OPTION_DATA_ELEMENT *e = d->NumElements > 0 ? &d->Elements[0] : NULL;

    out[0] = '\0';
    if (e == NULL)
        return;
    if (e->OptionType == DhcpStringDataOption)
        pxb_narrow(e->Element.StringDataOption, out, len);
    else if (e->OptionType == DhcpIpAddressOption)
        pxb_ipv4_format(e->Element.IpAddressOption, out);
    else if (e->OptionType == DhcpDWordOption)
        snprintf(out, len, "%lu", (unsigned long)e->Element.DWordOption);
    else
        snprintf(out, len, "(value of type %d)", (int)e->OptionType);
}

/* Reads options 066 / 067 / 060 at level, for a policy (V4 call) or a user class or
 * everyone (V5 call). An option that is not set is no error. */
static int read_options(reader *r, const pxb_ms_level *level, const char *policy,
                        const char *class_name, pxb_ms_options *out)
{
    DHCP_OPTION_SCOPE_INFO scope;
    int oom_p, oom_c;
    LPWSTR wpolicy = pxb_wide(policy, 1, &oom_p);
    LPWSTR wclass = pxb_wide(class_name, 1, &oom_c);
    int rc = 0;

    pxb_ms_scope_info(level, &scope);
    for (int i = 0; i < PXB_MS_OPT_COUNT && rc == 0 && !oom_p && !oom_c; i++) {
        LPDHCP_OPTION_VALUE v = NULL;
        DWORD id = pxb_ms_opt_id((enum pxb_ms_opt)i);
        DWORD code = wpolicy != NULL
                         ? r->api->GetPolicyValue(r->server, 0, id, wpolicy, NULL, &scope, &v)
                         : r->api->GetValue(r->server, 0, id, wclass, NULL, &scope, &v);
        if (pxb_ms_absent(code))
            continue;
        if (code != ERROR_SUCCESS) {
            rc = pxb_ms_failed(r->err, wpolicy ? "DhcpV4GetOptionValue" : "DhcpGetOptionValueV5",
                               code, "");
            break;
        }
        out->has[i] = 1;
        option_text(&v->Value, out->value[i], sizeof out->value[i]);
        free_option_data(r->api, &v->Value);
        r->api->Free(v);
    }
    free(wpolicy);
    free(wclass);
    return oom_p || oom_c ? pxb_ms_no_memory(r->err) : rc;
}

static void convert_conditions(const DHCP_POLICY *in, pxb_ms_policy *p)
{
    const DHCP_POL_EXPR_ARRAY *ex = in->Expressions;
    const DHCP_POL_COND_ARRAY *co = in->Conditions;

    for (DWORD i = 0; ex != NULL && i < ex->NumElements && i < PXB_MS_EXPRS_MAX; i++) {
        p->exprs[i].parent = ex->Elements[i].ParentExpr;
        p->exprs[i].op = ex->Elements[i].Operator == DhcpLogicalAnd ? PXB_MS_AND : PXB_MS_OR;
        p->expr_count++;
    }
    for (DWORD i = 0; co != NULL && i < co->NumElements && i < PXB_MS_CONDS_MAX; i++) {
        const DHCP_POL_COND *c = &co->Elements[i];
        pxb_ms_cond *k = &p->conds[p->cond_count++];
        k->parent = c->ParentExpr;
        k->type = (enum pxb_ms_attr)c->Type;
        k->option = c->OptionID;
        k->suboption = c->SubOptionID;
        pxb_narrow(c->VendorName, k->vendor, sizeof k->vendor);
        k->op = (enum pxb_ms_cmp)c->Operator;
        copy_bytes(c->Value, c->ValueLength, k->value, &k->value_len);
    }
}

/* A policy with more conditions than the model keeps would be compared wrongly. */
static int too_big(reader *r, const DHCP_POLICY *in)
{
    char name[PXB_MS_NAME_MAX], detail[PXB_MS_NAME_MAX + 96];

    if ((in->Expressions == NULL || in->Expressions->NumElements <= PXB_MS_EXPRS_MAX) &&
        (in->Conditions == NULL || in->Conditions->NumElements <= PXB_MS_CONDS_MAX))
        return 0;
    pxb_narrow(in->PolicyName, name, sizeof name);
    snprintf(detail, sizeof detail, "policy '%s' has more than %u conditions or %u "
             "expressions, more than pxebridge reads", name, PXB_MS_CONDS_MAX,
             PXB_MS_EXPRS_MAX);
    pxb_error_set(&r->err->error, "%s", detail);
    return 1;
}

static void free_policy(const pxb_dhcpsapi *api, DHCP_POLICY *p)
{
    if (p->Conditions != NULL) {
        for (DWORD i = 0; i < p->Conditions->NumElements; i++) {
            api->Free(p->Conditions->Elements[i].VendorName);
            api->Free(p->Conditions->Elements[i].Value);
        }
        api->Free(p->Conditions->Elements);
        api->Free(p->Conditions);
    }
    if (p->Expressions != NULL) {
        api->Free(p->Expressions->Elements);
        api->Free(p->Expressions);
    }
    if (p->Ranges != NULL) {
        api->Free(p->Ranges->Elements);
        api->Free(p->Ranges);
    }
    api->Free(p->PolicyName);
    api->Free(p->Description);
}

static int add_policy(reader *r, const pxb_ms_level *level, const DHCP_POLICY *in)
{
    pxb_ms_policy *p;

    if (too_big(r, in))
        return -1;
    p = pxb_ms_add_policy(r->s);
    if (p == NULL)
        return pxb_ms_no_memory(r->err);
    pxb_narrow(in->PolicyName, p->name, sizeof p->name);
    p->level = *level;
    p->order = in->ProcessingOrder;
    p->enabled = in->Enabled != FALSE;
    pxb_narrow(in->Description, p->description, sizeof p->description);
    convert_conditions(in, p);
    return 0;
}

/* A pre-2012 server answers the first call with 1745: it has no policies, so there are
 * none to read. */
static DWORD fetch_policies(reader *r, DWORD *resume, void **batch)
{
    LPDHCP_POLICY_ARRAY arr = NULL;
    DWORD got = 0, total = 0;
    DWORD code = r->api->EnumPolicies(r->server, resume, PREF_MAX, r->level.global,
                                      r->level.subnet, &arr, &got, &total);

    *batch = arr;
    if (code != PXB_RPC_S_PROCNUM_OUT_OF_RANGE || *resume != 0)
        return code;
    r->s->has_policies = 0;
    return PXB_ERROR_NO_MORE_ITEMS;
}

static int take_policies(reader *r, void *batch)
{
    LPDHCP_POLICY_ARRAY arr = batch;
    int rc = 0;

    if (arr == NULL)
        return 0;
    for (DWORD i = 0; i < arr->NumElements; i++) {
        if (rc == 0)
            rc = add_policy(r, &r->level, &arr->Elements[i]);
        free_policy(r->api, &arr->Elements[i]);
    }
    r->api->Free(arr->Elements);
    r->api->Free(arr);
    return rc;
}

/* DhcpV4EnumPoliciesEx (3.2.4.130, 2012 R2 and later): unlike DhcpV4EnumPolicies it hides
 * no policy (note <86>: EndsWith and FQDN conditions). */
static DWORD fetch_policies_ex(reader *r, DWORD *resume, void **batch)
{
    LPDHCP_POLICY_EX_ARRAY arr = NULL;
    DWORD got = 0, total = 0;
    DWORD code = r->api->EnumPoliciesEx(r->server, resume, PREF_MAX, r->level.global,
                                        r->level.subnet, &arr, &got, &total);

    *batch = arr;
    return code;
}

static void free_properties(const pxb_dhcpsapi *api, LPDHCP_PROPERTY_ARRAY props)
{
    if (props == NULL)
        return;
    for (DWORD i = 0; i < props->NumElements; i++) {
        if (props->Elements[i].Type == DhcpPropTypeString)
            api->Free(props->Elements[i].Value.StringValue);
        else if (props->Elements[i].Type == DhcpPropTypeBinary)
            api->Free(props->Elements[i].Value.BinaryValue.Data);
    }
    api->Free(props->Elements);
    api->Free(props);
}

/* A DHCP_POLICY_EX is a DHCP_POLICY plus its properties: read through a DHCP_POLICY view. */
static int take_policies_ex(reader *r, void *batch)
{
    LPDHCP_POLICY_EX_ARRAY arr = batch;
    int rc = 0;

    if (arr == NULL)
        return 0;
    for (DWORD i = 0; i < arr->NumElements; i++) {
        DHCP_POLICY_EX *in = &arr->Elements[i];
        DHCP_POLICY view = {in->PolicyName, in->IsGlobalPolicy, in->Subnet,
                            in->ProcessingOrder, in->Conditions, in->Expressions,
                            in->Ranges, in->Description, in->Enabled};
        if (rc == 0)
            rc = add_policy(r, &r->level, &view);
        free_policy(r->api, &view);
        free_properties(r->api, in->Properties);
    }
    r->api->Free(arr->Elements);
    r->api->Free(arr);
    return rc;
}

/* DhcpV4EnumPoliciesEx where the DLL has it and the server is 6.3 (2012 R2) or later. */
static int read_policies(reader *r)
{
    if (r->api->EnumPoliciesEx != NULL &&
        (r->s->major > 6 || (r->s->major == 6 && r->s->minor >= 3)))
        return enumerate(r, "DhcpV4EnumPoliciesEx", fetch_policies_ex, take_policies_ex);
    return enumerate(r, "DhcpV4EnumPolicies", fetch_policies, take_policies);
}

static int read_opt60(reader *r)
{
    LPDHCP_OPTION info = NULL;
    DWORD code = r->api->GetOptionInfo(r->server, 0, 60, NULL, NULL, &info);

    if (pxb_ms_absent(code))
        return 0;
    if (code != ERROR_SUCCESS)
        return pxb_ms_failed(r->err, "DhcpGetOptionInfoV5", code, "");
    r->s->has_opt60 = 1;
    pxb_narrow(info->OptionComment, r->s->opt60_comment, sizeof r->s->opt60_comment);
    r->s->opt60_wrong_type = info->OptionType != DhcpUnaryElementTypeOption ||
                             info->DefaultValue.NumElements == 0 ||
                             info->DefaultValue.Elements[0].OptionType != DhcpStringDataOption;
    r->api->Free(info->OptionName);
    r->api->Free(info->OptionComment);
    free_option_data(r->api, &info->DefaultValue);
    r->api->Free(info);
    return 0;
}

/* Values outside policies at one level: for everyone, and for each user class whose data is
 * "iPXE" (the V5 calls' classed values, 3.1.1.11: the fallback's own on older servers, an
 * earlier manual setup's on servers with policies). Only levels with a value set get an
 * entry. */
static int read_level_values(reader *r, const pxb_ms_level *level)
{
    size_t classes = r->s->class_count;

    for (size_t c = 0; c <= classes; c++) {
        const pxb_ms_class *cls = c > 0 ? &r->s->classes[c - 1] : NULL;
        pxb_ms_options o;
        pxb_ms_values *v;
        if (cls != NULL && (cls->is_vendor || cls->data_len != 4 ||
                            memcmp(cls->data, PXB_IPXE_USER_CLASS, 4) != 0))
            continue;
        memset(&o, 0, sizeof o);
        if (read_options(r, level, "", cls ? cls->name : "", &o) != 0)
            return -1;
        if (!o.has[PXB_MS_OPT_066] && !o.has[PXB_MS_OPT_067] && !o.has[PXB_MS_OPT_060])
            continue;
        v = pxb_ms_add_values(r->s);
        if (v == NULL)
            return pxb_ms_no_memory(r->err);
        v->level = *level;
        snprintf(v->class_name, sizeof v->class_name, "%s", cls ? cls->name : "");
        v->options = o;
    }
    return 0;
}

/* Each level in turn: the server, then every subnet. */
static int read_levels(reader *r)
{
    for (size_t i = 0; i <= r->s->subnet_count; i++) {
        pxb_ms_level level = {i == 0, i == 0 ? 0 : r->s->subnets[i - 1]};
        r->level = level;
        if (r->s->has_policies && read_policies(r) != 0)
            return -1;
        if (read_level_values(r, &level) != 0)
            return -1;
    }
    for (size_t i = 0; i < r->s->policy_count; i++) {
        pxb_ms_policy *p = &r->s->policies[i];
        if (read_options(r, &p->level, p->name, "", &p->options) != 0)
            return -1;
    }
    return 0;
}

int pxb_ms_read(const pxb_dhcpsapi *api, LPWSTR server, pxb_ms_state *s, pxb_ms_error *err)
{
    reader r = {api, server, s, err, {1, 0}, NULL};

    if (read_version(&r) != 0 ||
        enumerate(&r, "DhcpEnumSubnets", fetch_subnets, take_subnets) != 0 ||
        enumerate(&r, "DhcpEnumClasses", fetch_classes, take_classes) != 0 ||
        read_opt60(&r) != 0 || read_levels(&r) != 0)
        return -1;
    return 0;
}

/* --- failover relationships (MS-DHCPM 3.2.4.94, 2.2.1.2.98) ------------------------------ */

static DWORD fetch_relationships(reader *r, DWORD *resume, void **batch)
{
    LPDHCP_FAILOVER_RELATIONSHIP_ARRAY arr = NULL;
    DWORD got = 0, total = 0;
    DWORD code = r->api->FailoverEnum(r->server, resume, PREF_MAX, &arr, &got, &total);

    *batch = arr;
    return code;
}

static void free_relationship(const pxb_dhcpsapi *api, DHCP_FAILOVER_RELATIONSHIP *in)
{
    api->Free(in->relationshipName);
    api->Free(in->primaryServerName);
    api->Free(in->secondaryServerName);
    api->Free(in->pSharedSecret);
    if (in->pScopes != NULL)
        api->Free(in->pScopes->Elements);
    api->Free(in->pScopes);
}

/* Copies one record; 0, or -1 if out of memory. */
static int copy_relationship(const DHCP_FAILOVER_RELATIONSHIP *in, pxb_ms_relationship *out)
{
    pxb_narrow(in->relationshipName, out->name, sizeof out->name);
    pxb_narrow(in->primaryServerName, out->primary_name, sizeof out->primary_name);
    pxb_narrow(in->secondaryServerName, out->secondary_name, sizeof out->secondary_name);
    out->primary = in->primaryServer;
    out->secondary = in->secondaryServer;
    out->mode = (unsigned)in->mode;
    out->this_is_secondary = in->serverType == SecondaryServer;
    out->state = (unsigned)in->state;
    out->prev_state = (unsigned)in->prevState;
    out->percentage = in->percentage;
    for (DWORD i = 0; in->pScopes != NULL && i < in->pScopes->NumElements; i++)
        if (pxb_ms_relationship_add_scope(out, in->pScopes->Elements[i]) != 0)
            return -1;
    return 0;
}

static int take_relationships(reader *r, void *batch)
{
    LPDHCP_FAILOVER_RELATIONSHIP_ARRAY arr = batch;
    int oom = 0;

    if (arr == NULL)
        return 0;
    for (DWORD i = 0; i < arr->numElements; i++) {
        pxb_ms_relationship *rel = oom ? NULL : pxb_ms_failover_add(r->failover);
        oom |= rel == NULL || copy_relationship(&arr->pRelationships[i], rel) != 0;
        free_relationship(r->api, &arr->pRelationships[i]);
    }
    r->api->Free(arr->pRelationships);
    r->api->Free(arr);
    return oom ? pxb_ms_no_memory(r->err) : 0;
}

int pxb_ms_read_failover(const pxb_dhcpsapi *api, LPWSTR server, pxb_ms_failover *f,
                         pxb_ms_error *err)
{
    reader r = {api, server, NULL, err, {1, 0}, f};

    /* A dhcpsapi.dll without the call (older than Windows Server 2012's) reaches no
     * failover either: answered as a pre-2012 server answers it. */
    if (api->FailoverEnum == NULL)
        return pxb_ms_failed(err, "DhcpV4FailoverEnumRelationship", PXB_MS_NO_FAILOVER_CODE,
                             "this dhcpsapi.dll has no failover calls");
    return enumerate(&r, "DhcpV4FailoverEnumRelationship", fetch_relationships,
                     take_relationships);
}
