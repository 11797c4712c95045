/* evaluate.c: PxbDoubleEvaluate: what a client would receive (options 066, 067, 060) and
 * which policies it matches. Per level, scope first, then server: enabled policies in
 * ascending processing order, each condition tree evaluated from Expressions[0] (AND / OR
 * over child conditions and expressions); an option's value comes from the first matching
 * policy that has one, else a user-class value (pre-2012 servers) whose class data equals
 * the client's option 77, else the level's plain value. */
#include <stdio.h>
#include <string.h>

#include "double_eval.h"
#include "names.h"
#include "session.h"

static const unsigned char *client_attr(const pxb_double_client *client, const dbl_cond *cond,
                                        size_t *len)
{
    if (cond->type == DhcpAttrHWAddr) {
        *len = client->mac_len;
        return client->mac;
    }
    if (cond->type != DhcpAttrOption)
        return NULL; /* sub-options and FQDN: the double's clients send none */
    switch (cond->option) {
    case 60:
        *len = client->vendor_class_len;
        return client->vendor_class;
    case 77:
        *len = client->user_class_len;
        return client->user_class;
    case 93:
        *len = client->arch_len;
        return client->arch;
    default:
        return NULL;
    }
}

static int cond_true(const dbl_cond *cond, const pxb_double_client *client)
{
    size_t len = 0;
    const unsigned char *have = client_attr(client, cond, &len);
    const dbl_bytes *want = &cond->value;
    int fits = have && len >= want->len;
    int hit;
    switch (cond->op) {
    case DhcpCompEqual:
    case DhcpCompNotEqual:
        hit = fits && len == want->len && memcmp(have, want->data, want->len) == 0;
        break;
    case DhcpCompBeginsWith:
    case DhcpCompNotBeginWith:
        hit = fits && memcmp(have, want->data, want->len) == 0;
        break;
    default: /* ends with, not ends with */
        hit = fits && memcmp(have + len - want->len, want->data, want->len) == 0;
        break;
    }
    int negative = cond->op == DhcpCompNotEqual || cond->op == DhcpCompNotBeginWith ||
                   cond->op == DhcpCompNotEndWith;
    return negative ? !hit : hit;
}

static int expr_true(const dbl_policy *policy, size_t index, const pxb_double_client *client)
{
    int all = policy->exprs[index].op == DhcpLogicalAnd;
    for (size_t i = 0; i < policy->cond_count; i++) {
        if (policy->conds[i].parent == index && cond_true(&policy->conds[i], client) != all)
            return !all;
    }
    for (size_t i = index + 1; i < policy->expr_count; i++) {
        if (policy->exprs[i].parent == index && expr_true(policy, i, client) != all)
            return !all;
    }
    return all;
}

static void level_name(uint32_t level, char out[PXB_DOUBLE_TEXT_MAX])
{
    char ip[16];
    names_ip_format(level, ip);
    snprintf(out, PXB_DOUBLE_TEXT_MAX, "%s%s", level ? "scope " : "server", level ? ip : "");
}

static void put_value(pxb_double_option *option, const dbl_value *value, const char *kind,
                      const char *name)
{
    const dbl_elem *elem = &value->data.elems[0];
    char level[PXB_DOUBLE_TEXT_MAX];
    option->present = 1;
    if (elem->type == DhcpIpAddressOption)
        names_ip_format(elem->num, option->value);
    else if (elem->type == DhcpStringDataOption || elem->type == DhcpIpv6AddressOption)
        snprintf(option->value, sizeof option->value, "%.*s", (int)elem->data.len,
                 (const char *)elem->data.data);
    else if (elem->type == DhcpBinaryDataOption || elem->type == DhcpEncapsulatedDataOption)
        for (size_t i = 0; i < elem->data.len && i * 2 + 2 < sizeof option->value; i++)
            snprintf(option->value + i * 2, 3, "%02x", elem->data.data[i]);
    else
        snprintf(option->value, sizeof option->value, "%lu", (unsigned long)elem->num);
    level_name(value->subnet, level);
    if (*kind)
        snprintf(option->source, sizeof option->source, "%s %s at %s", kind, name, level);
    else
        snprintf(option->source, sizeof option->source, "%s", level);
}

static const dbl_value *find_value(dbl_server *server, uint32_t level, const char *policy,
                                   const char *user_class, uint32_t option)
{
    dbl_value key = {level, (char *)policy, (char *)user_class, (char *)"", option, {0}};
    const dbl_value *value = model_find_value(server, &key);
    return value && value->data.count ? value : NULL;
}

/* The class values of a level: a user class whose data equals the client's option 77. */
static const dbl_value *find_class_value(dbl_server *server, uint32_t level, uint32_t option,
                                         const pxb_double_client *client)
{
    dbl_bytes user = {(unsigned char *)client->user_class, client->user_class_len};
    for (size_t i = 0; client->user_class && i < server->value_count; i++) {
        const dbl_value *value = &server->values[i];
        const dbl_class *cls = *value->user_class ? model_find_class(server, value->user_class)
                                                   : NULL;
        if (cls && !cls->vendor && value->subnet == level && value->option == option &&
            !*value->policy && !*value->vendor && model_bytes_eq(&cls->data, &user) &&
            value->data.count)
            return value;
    }
    return NULL;
}

static void offer_option(dbl_server *server, uint32_t level, const dbl_policy *const *matched,
                         size_t matched_count, uint32_t id, const pxb_double_client *client,
                         pxb_double_option *option)
{
    if (option->present)
        return;
    for (size_t i = 0; i < matched_count; i++) {
        const dbl_value *value = find_value(server, level, matched[i]->name, "", id);
        if (value) {
            put_value(option, value, "policy", matched[i]->name);
            return;
        }
    }
    const dbl_value *value = find_class_value(server, level, id, client);
    if (value) {
        put_value(option, value, "class", value->user_class);
        return;
    }
    value = find_value(server, level, "", "", id);
    if (value)
        put_value(option, value, "", "");
}

static void note_match(pxb_double_offer *offer, const dbl_policy *policy)
{
    char level[PXB_DOUBLE_TEXT_MAX];
    size_t used = strlen(offer->matched);
    names_ip_format(policy->subnet, level);
    snprintf(offer->matched + used, sizeof offer->matched - used, "%s%s@%s", used ? "," : "",
             policy->name, policy->subnet ? level : "server");
}

static void offer_level(dbl_server *server, uint32_t level, int enforce,
                        const pxb_double_client *client, pxb_double_offer *offer)
{
    const dbl_policy *matched[64];
    size_t count = 0;
    for (size_t i = 0; enforce && i < server->policy_count; i++) {
        const dbl_policy *policy = &server->policies[i];
        if (policy->subnet != level || !policy->enabled || count == 64 ||
            !expr_true(policy, 0, client))
            continue;
        matched[count++] = policy;
        note_match(offer, policy);
    }
    offer_option(server, level, matched, count, 66, client, &offer->boot_server);
    offer_option(server, level, matched, count, 67, client, &offer->boot_file);
    offer_option(server, level, matched, count, 60, client, &offer->vendor_class);
}

DWORD WINAPI PxbDoubleEvaluate(const pxb_double_client *client, pxb_double_offer *offer)
{
    session s;
    WCHAR name[PXB_DOUBLE_TEXT_MAX];
    if (!client || !offer ||
        !MultiByteToWideChar(CP_UTF8, 0, client->server ? client->server : "", -1, name,
                             PXB_DOUBLE_TEXT_MAX))
        return ERROR_INVALID_PARAMETER;
    memset(offer, 0, sizeof *offer);
    DWORD rc = session_open(&s, name, CALL_CLIENT);
    const dbl_subnet *subnet = rc ? NULL : model_find_subnet(s.server, client->subnet);
    if (rc == ERROR_SUCCESS && !subnet)
        rc = PXB_ERROR_DHCP_SUBNET_NOT_PRESENT;
    if (rc == ERROR_SUCCESS) {
        offer_level(s.server, subnet->addr, subnet->enforce, client, offer);
        offer_level(s.server, 0, subnet->enforce && s.server->enforce, client, offer);
    }
    return session_close(&s, rc);
}
