/* model.c: the double's state model: allocation and freeing, the defaults of a fresh
 * server (built-in classes, standard option definitions), look-ups and canonical order. */
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dhcpsapi_decl.h"

/* MS-DHCPM 3.1.1.8: the classes every server has and none can delete. */
static const struct {
    const char *name;
    const char *comment;
    const char *data;
    int vendor;
    uint32_t flags;
} builtin_classes[] = {
    {"Default Routing and Remote Access Class", "User class for remote access clients",
     "RRAS.Microsoft", 0, 0},
    {"Default BOOTP Class", "User class for BOOTP Clients", "BOOTP.Microsoft", 0, 0},
    {"Microsoft Windows 2000 Options",
     "Microsoft vendor-specific options for Windows 2000 and above Clients", "MSFT 5.0", 1, 3},
    {"Microsoft Windows 98 Options", "Microsoft vendor-specific options for Windows 98 Clients",
     "MSFT 98", 1, 3},
    {"Microsoft Options", "Microsoft vendor-specific options applicable to all Windows Clients",
     "MSFT", 1, 3},
    {"Default Network Access Protection Class",
     "Default special user class for Restricted Access clients", "MSFT Quarantine", 0, 0},
};

/* Standard options a fresh server defines that pxebridge uses; 60 is deliberately absent. */
static const struct {
    uint32_t id;
    const char *name;
    const char *comment;
} builtin_optdefs[] = {
    {66, "Boot Server Host Name", "TFTP boot server host name"},
    {67, "Bootfile Name", "Bootfile Name"},
};

void *model_grow(void **items, size_t *count, size_t size)
{
    unsigned char *grown = realloc(*items, (*count + 1) * size);
    if (!grown)
        return NULL;
    *items = grown;
    memset(grown + *count * size, 0, size);
    return grown + (*count)++ * size;
}

void model_cut(void *items, size_t *count, size_t size, size_t at)
{
    unsigned char *base = items;
    memmove(base + at * size, base + (at + 1) * size, (*count - at - 1) * size);
    (*count)--;
}

char *model_strdup(const char *text)
{
    size_t len = strlen(text ? text : "");
    char *copy = malloc(len + 1);
    if (copy)
        memcpy(copy, text ? text : "", len + 1);
    return copy;
}

int model_bytes_set(dbl_bytes *bytes, const void *data, size_t len)
{
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy)
        return -1;
    if (len)
        memcpy(copy, data, len);
    free(bytes->data);
    bytes->data = copy;
    bytes->len = len;
    return 0;
}

int model_bytes_eq(const dbl_bytes *a, const dbl_bytes *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

int model_name_eq(const char *a, const char *b)
{
    return strcasecmp(a ? a : "", b ? b : "") == 0;
}

void model_data_free(dbl_data *data)
{
    for (size_t i = 0; i < data->count; i++)
        free(data->elems[i].data.data);
    free(data->elems);
    memset(data, 0, sizeof *data);
}

void model_class_free(dbl_class *cls)
{
    free(cls->name);
    free(cls->comment);
    free(cls->data.data);
}

void model_optdef_free(dbl_optdef *def)
{
    free(def->vendor);
    free(def->name);
    free(def->comment);
    model_data_free(&def->defval);
}

void model_policy_free(dbl_policy *policy)
{
    for (size_t i = 0; i < policy->cond_count; i++) {
        free(policy->conds[i].vendor);
        free(policy->conds[i].value.data);
    }
    free(policy->conds);
    free(policy->exprs);
    free(policy->ranges);
    free(policy->name);
    free(policy->description);
    free(policy->class_name);
}

void model_value_free(dbl_value *value)
{
    free(value->policy);
    free(value->user_class);
    free(value->vendor);
    model_data_free(&value->data);
}

void model_failover_free(dbl_failover *failover)
{
    free(failover->name);
    free(failover->primary_name);
    free(failover->secondary_name);
    free(failover->secret);
    free(failover->scopes);
}

void model_server_free(dbl_server *server)
{
    for (size_t i = 0; i < server->class_count; i++)
        model_class_free(&server->classes[i]);
    for (size_t i = 0; i < server->optdef_count; i++)
        model_optdef_free(&server->optdefs[i]);
    for (size_t i = 0; i < server->policy_count; i++)
        model_policy_free(&server->policies[i]);
    for (size_t i = 0; i < server->value_count; i++)
        model_value_free(&server->values[i]);
    for (size_t i = 0; i < server->failover_count; i++)
        model_failover_free(&server->failovers[i]);
    free(server->failovers);
    free(server->classes);
    free(server->optdefs);
    free(server->policies);
    free(server->values);
    free(server->subnets);
    free(server->name);
}

void model_free(dbl_state *state)
{
    for (size_t i = 0; i < state->server_count; i++)
        model_server_free(&state->servers[i]);
    free(state->servers);
    memset(state, 0, sizeof *state);
}

static int add_builtin_class(dbl_server *server, size_t which)
{
    dbl_class *cls = model_grow((void **)&server->classes, &server->class_count, sizeof *cls);
    if (!cls)
        return -1;
    cls->name = model_strdup(builtin_classes[which].name);
    cls->comment = model_strdup(builtin_classes[which].comment);
    cls->vendor = builtin_classes[which].vendor;
    cls->flags = builtin_classes[which].flags;
    cls->builtin = 1;
    if (!cls->name || !cls->comment)
        return -1;
    return model_bytes_set(&cls->data, builtin_classes[which].data,
                           strlen(builtin_classes[which].data));
}

static int add_builtin_optdef(dbl_server *server, size_t which)
{
    dbl_optdef *def = model_grow((void **)&server->optdefs, &server->optdef_count, sizeof *def);
    if (!def)
        return -1;
    def->id = builtin_optdefs[which].id;
    def->vendor = model_strdup("");
    def->name = model_strdup(builtin_optdefs[which].name);
    def->comment = model_strdup(builtin_optdefs[which].comment);
    dbl_elem *elem = model_grow((void **)&def->defval.elems, &def->defval.count, sizeof *elem);
    if (!def->vendor || !def->name || !def->comment || !elem)
        return -1;
    elem->type = DhcpStringDataOption;
    return model_bytes_set(&elem->data, "", 0);
}

dbl_server *model_add_server(dbl_state *state, const char *name, uint32_t major,
                             uint32_t minor)
{
    dbl_server *server = model_grow((void **)&state->servers, &state->server_count,
                                    sizeof *server);
    if (!server)
        return NULL;
    server->name = model_strdup(name);
    server->major = major;
    server->minor = minor;
    server->enforce = 1;
    server->faults.fail_code = PXB_ERROR_DHCP_JET_ERROR;
    if (!server->name)
        return NULL;
    for (size_t i = 0; i < sizeof builtin_classes / sizeof builtin_classes[0]; i++) {
        if (add_builtin_class(server, i))
            return NULL;
    }
    for (size_t i = 0; i < sizeof builtin_optdefs / sizeof builtin_optdefs[0]; i++) {
        if (add_builtin_optdef(server, i))
            return NULL;
    }
    return server;
}

dbl_server *model_find_server_addr(dbl_state *state, uint32_t addr)
{
    for (size_t i = 0; addr && i < state->server_count; i++) {
        if (state->servers[i].addr == addr)
            return &state->servers[i];
    }
    return NULL;
}

dbl_server *model_find_server(dbl_state *state, const char *name)
{
    if (!name || model_name_eq(name, "localhost"))
        name = "";
    for (size_t i = 0; i < state->server_count; i++) {
        if (model_name_eq(state->servers[i].name, name))
            return &state->servers[i];
    }
    return NULL;
}

dbl_subnet *model_find_subnet(dbl_server *server, uint32_t addr)
{
    for (size_t i = 0; i < server->subnet_count; i++) {
        if (server->subnets[i].addr == addr)
            return &server->subnets[i];
    }
    return NULL;
}

dbl_class *model_find_class(dbl_server *server, const char *name)
{
    for (size_t i = 0; i < server->class_count; i++) {
        if (model_name_eq(server->classes[i].name, name))
            return &server->classes[i];
    }
    return NULL;
}

dbl_class *model_find_class_data(dbl_server *server, int vendor, const dbl_bytes *data)
{
    for (size_t i = 0; i < server->class_count; i++) {
        dbl_class *cls = &server->classes[i];
        if (!cls->vendor == !vendor && model_bytes_eq(&cls->data, data))
            return cls;
    }
    return NULL;
}

dbl_optdef *model_find_optdef(dbl_server *server, uint32_t id, const char *vendor)
{
    for (size_t i = 0; i < server->optdef_count; i++) {
        dbl_optdef *def = &server->optdefs[i];
        if (def->id == id && model_name_eq(def->vendor, vendor))
            return def;
    }
    return NULL;
}

dbl_policy *model_find_policy(dbl_server *server, uint32_t subnet, const char *name)
{
    for (size_t i = 0; i < server->policy_count; i++) {
        dbl_policy *policy = &server->policies[i];
        if (policy->subnet == subnet && model_name_eq(policy->name, name))
            return policy;
    }
    return NULL;
}

dbl_value *model_find_value(dbl_server *server, const dbl_value *key)
{
    for (size_t i = 0; i < server->value_count; i++) {
        dbl_value *value = &server->values[i];
        if (value->subnet == key->subnet && value->option == key->option &&
            model_name_eq(value->policy, key->policy) &&
            model_name_eq(value->user_class, key->user_class) &&
            model_name_eq(value->vendor, key->vendor))
            return value;
    }
    return NULL;
}

dbl_failover *model_find_failover(dbl_server *server, const char *name)
{
    for (size_t i = 0; i < server->failover_count; i++) {
        if (model_name_eq(server->failovers[i].name, name))
            return &server->failovers[i];
    }
    return NULL;
}

dbl_failover *model_find_failover_scope(dbl_server *server, uint32_t scope)
{
    for (size_t i = 0; i < server->failover_count; i++) {
        dbl_failover *failover = &server->failovers[i];
        for (size_t k = 0; k < failover->scope_count; k++) {
            if (failover->scopes[k] == scope)
                return failover;
        }
    }
    return NULL;
}

unsigned model_version(const dbl_server *server)
{
    return DBL_VERSION(server->major, server->minor);
}

int model_has_policies(const dbl_server *server)
{
    return model_version(server) >= DBL_VERSION_2012;
}

static int compare_u32(uint32_t a, uint32_t b)
{
    return a < b ? -1 : a > b;
}

static int compare_servers(const void *a, const void *b)
{
    return strcasecmp(((const dbl_server *)a)->name, ((const dbl_server *)b)->name);
}

static int compare_subnets(const void *a, const void *b)
{
    return compare_u32(((const dbl_subnet *)a)->addr, ((const dbl_subnet *)b)->addr);
}

static int compare_classes(const void *a, const void *b)
{
    return strcasecmp(((const dbl_class *)a)->name, ((const dbl_class *)b)->name);
}

static int compare_optdefs(const void *a, const void *b)
{
    const dbl_optdef *x = a, *y = b;
    int by_vendor = strcasecmp(x->vendor, y->vendor);
    return by_vendor ? by_vendor : compare_u32(x->id, y->id);
}

static int compare_policies(const void *a, const void *b)
{
    const dbl_policy *x = a, *y = b;
    int by = compare_u32(x->subnet, y->subnet);
    if (!by)
        by = compare_u32(x->order, y->order);
    /* Equal orders are possible (MS-DHCPM 3.2.4.111 moves no other policy). */
    return by ? by : strcasecmp(x->name, y->name);
}

static int compare_values(const void *a, const void *b)
{
    const dbl_value *x = a, *y = b;
    int by = compare_u32(x->subnet, y->subnet);
    if (!by)
        by = strcasecmp(x->policy, y->policy);
    if (!by)
        by = strcasecmp(x->user_class, y->user_class);
    if (!by)
        by = strcasecmp(x->vendor, y->vendor);
    return by ? by : compare_u32(x->option, y->option);
}

static int compare_failovers(const void *a, const void *b)
{
    return strcasecmp(((const dbl_failover *)a)->name, ((const dbl_failover *)b)->name);
}

static int compare_scopes(const void *a, const void *b)
{
    return compare_u32(*(const uint32_t *)a, *(const uint32_t *)b);
}

void model_sort(dbl_state *state)
{
    qsort(state->servers, state->server_count, sizeof *state->servers, compare_servers);
    for (size_t i = 0; i < state->server_count; i++) {
        dbl_server *s = &state->servers[i];
        qsort(s->subnets, s->subnet_count, sizeof *s->subnets, compare_subnets);
        qsort(s->classes, s->class_count, sizeof *s->classes, compare_classes);
        qsort(s->optdefs, s->optdef_count, sizeof *s->optdefs, compare_optdefs);
        qsort(s->policies, s->policy_count, sizeof *s->policies, compare_policies);
        qsort(s->values, s->value_count, sizeof *s->values, compare_values);
        qsort(s->failovers, s->failover_count, sizeof *s->failovers, compare_failovers);
        for (size_t k = 0; k < s->failover_count; k++)
            qsort(s->failovers[k].scopes, s->failovers[k].scope_count, sizeof(uint32_t),
                  compare_scopes);
    }
}
