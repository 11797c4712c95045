/* store.c: reads and writes the double's state file: one item per line, "keyword key=value
 * ...", values bare or quoted ("..." with \xHH escapes). Lines "expr", "cond" and "range"
 * belong to the policy above them, "element" lines to the option definition or value above,
 * "scope" lines to the failover relationship above. */
#include "store.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <windows.h>

#include "dhcpsapi_decl.h"
#include "names.h"

#define STATE_VARIABLE L"PXB_DHCP_DOUBLE_STATE"
#define FIELDS_MAX 16
#define LINE_MAX_LEN 8192

typedef struct field {
    char key[24];
    dbl_bytes value; /* NUL-terminated beyond len */
} field;

typedef struct line_fields {
    char keyword[24];
    field fields[FIELDS_MAX];
    size_t count;
} line_fields;

/* --- writing ------------------------------------------------------------------------------ */

static void put_text(FILE *out, const char *key, const char *text)
{
    fprintf(out, " %s=", key);
    names_quote(out, (const unsigned char *)text, strlen(text));
}

static void put_bytes(FILE *out, const char *key, const dbl_bytes *bytes)
{
    fprintf(out, " %s=", key);
    names_quote(out, bytes->data, bytes->len);
}

static void put_ip(FILE *out, const char *key, uint32_t addr)
{
    char text[16];
    names_ip_format(addr, text);
    fprintf(out, " %s=%s", key, text);
}

static void put_data(FILE *out, const dbl_data *data)
{
    for (size_t i = 0; i < data->count; i++) {
        const dbl_elem *elem = &data->elems[i];
        fprintf(out, "  element type=%s", names_of(NAMES_ELEM, elem->type));
        switch (elem->type) {
        case DhcpIpAddressOption:
            put_ip(out, "value", elem->num);
            break;
        case DhcpStringDataOption:
        case DhcpBinaryDataOption:
        case DhcpEncapsulatedDataOption:
        case DhcpIpv6AddressOption:
            put_bytes(out, "value", &elem->data);
            break;
        default:
            fprintf(out, " value=%lu value2=%lu", (unsigned long)elem->num,
                    (unsigned long)elem->num2);
            break;
        }
        fputc('\n', out);
    }
}

static void put_policy(FILE *out, const dbl_policy *policy)
{
    fputs("policy", out);
    put_text(out, "name", policy->name);
    put_ip(out, "subnet", policy->subnet);
    fprintf(out, " order=%lu enabled=%d", (unsigned long)policy->order, policy->enabled);
    put_text(out, "description", policy->description);
    put_text(out, "class", policy->class_name);
    fputc('\n', out);
    for (size_t i = 0; i < policy->expr_count; i++)
        fprintf(out, "  expr parent=%lu op=%s\n", (unsigned long)policy->exprs[i].parent,
                names_of(NAMES_LOGIC, policy->exprs[i].op));
    for (size_t i = 0; i < policy->cond_count; i++) {
        const dbl_cond *cond = &policy->conds[i];
        fprintf(out, "  cond parent=%lu type=%s option=%lu sub=%lu op=%s",
                (unsigned long)cond->parent, names_of(NAMES_ATTR, cond->type),
                (unsigned long)cond->option, (unsigned long)cond->suboption,
                names_of(NAMES_COMP, cond->op));
        put_text(out, "vendor", cond->vendor);
        put_bytes(out, "value", &cond->value);
        fputc('\n', out);
    }
    for (size_t i = 0; i < policy->range_count; i++) {
        fputs("  range", out);
        put_ip(out, "start", policy->ranges[i].start);
        put_ip(out, "end", policy->ranges[i].end);
        fputc('\n', out);
    }
}

static void put_failover(FILE *out, const dbl_failover *f)
{
    fputs("failover", out);
    put_text(out, "name", f->name);
    fprintf(out, " mode=%s role=%s state=%s prev-state=%s", names_of(NAMES_FO_MODE, f->mode),
            names_of(NAMES_FO_ROLE, f->role), names_of(NAMES_FSM, f->state),
            names_of(NAMES_FSM, f->prev_state));
    put_ip(out, "primary", f->primary);
    put_text(out, "primary-name", f->primary_name);
    put_ip(out, "secondary", f->secondary);
    put_text(out, "secondary-name", f->secondary_name);
    fprintf(out, " percentage=%lu mclt=%lu safe-period=%lu", (unsigned long)f->percentage,
            (unsigned long)f->mclt, (unsigned long)f->safe_period);
    put_text(out, "secret", f->secret);
    fputc('\n', out);
    for (size_t i = 0; i < f->scope_count; i++) {
        fputs("  scope", out);
        put_ip(out, "addr", f->scopes[i]);
        fputc('\n', out);
    }
}

static void put_server(FILE *out, const dbl_server *s, int with_faults)
{
    fputs("server", out);
    put_text(out, "name", s->name);
    fprintf(out, " version=%lu.%lu enforce=%d", (unsigned long)s->major,
            (unsigned long)s->minor, s->enforce);
    /* A server without an address keeps the line it had before servers had addresses. */
    if (s->addr)
        put_ip(out, "addr", s->addr);
    fputc('\n', out);
    if (with_faults)
        fprintf(out, "fault deny=%s down=%s fail-at=%lu fail-code=%lu absent-code=%lu "
                "page-max=%lu writes=%lu\n", names_of(NAMES_DENY, s->faults.deny),
                names_of(NAMES_DOWN, s->faults.down), (unsigned long)s->faults.fail_at,
                (unsigned long)s->faults.fail_code, (unsigned long)s->faults.absent_code,
                (unsigned long)s->faults.page_max, (unsigned long)s->faults.writes);
    for (size_t i = 0; i < s->subnet_count; i++) {
        fputs("subnet", out);
        put_ip(out, "addr", s->subnets[i].addr);
        put_ip(out, "mask", s->subnets[i].mask);
        fprintf(out, " enforce=%d\n", s->subnets[i].enforce);
    }
    for (size_t i = 0; i < s->class_count; i++) {
        const dbl_class *cls = &s->classes[i];
        fputs("class", out);
        put_text(out, "name", cls->name);
        fprintf(out, " kind=%s builtin=%d flags=%lu", cls->vendor ? "vendor" : "user",
                cls->builtin, (unsigned long)cls->flags);
        put_bytes(out, "data", &cls->data);
        put_text(out, "comment", cls->comment);
        fputc('\n', out);
    }
    for (size_t i = 0; i < s->optdef_count; i++) {
        const dbl_optdef *def = &s->optdefs[i];
        fprintf(out, "optdef id=%lu", (unsigned long)def->id);
        put_text(out, "vendor", def->vendor);
        fprintf(out, " array=%d", def->array);
        put_text(out, "name", def->name);
        put_text(out, "comment", def->comment);
        fputc('\n', out);
        put_data(out, &def->defval);
    }
    for (size_t i = 0; i < s->policy_count; i++)
        put_policy(out, &s->policies[i]);
    for (size_t i = 0; i < s->value_count; i++) {
        const dbl_value *value = &s->values[i];
        fprintf(out, "value option=%lu", (unsigned long)value->option);
        put_ip(out, "subnet", value->subnet);
        put_text(out, "policy", value->policy);
        put_text(out, "class", value->user_class);
        put_text(out, "vendor", value->vendor);
        fputc('\n', out);
        put_data(out, &value->data);
    }
    for (size_t i = 0; i < s->failover_count; i++)
        put_failover(out, &s->failovers[i]);
}

void store_format(dbl_state *state, FILE *out, int with_faults)
{
    model_sort(state);
    fputs("# pxebridge dhcpsapi test double state (not a Microsoft format)\n", out);
    for (size_t i = 0; i < state->server_count; i++)
        put_server(out, &state->servers[i], with_faults);
}

/* --- reading ------------------------------------------------------------------------------ */

static void fields_free(line_fields *line)
{
    for (size_t i = 0; i < line->count; i++)
        free(line->fields[i].value.data);
    line->count = 0;
}

static int split_line(const char *text, line_fields *line)
{
    size_t len = strcspn(text, " \t");
    if (len == 0 || len >= sizeof line->keyword)
        return -1;
    memcpy(line->keyword, text, len);
    line->keyword[len] = '\0';
    text += len;
    for (;;) {
        text += strspn(text, " \t");
        if (!*text)
            return 0;
        if (line->count == FIELDS_MAX)
            return -1;
        field *f = &line->fields[line->count];
        len = strcspn(text, "=");
        if (!text[len] || len == 0 || len >= sizeof f->key)
            return -1;
        memcpy(f->key, text, len);
        f->key[len] = '\0';
        text += len + 1;
        memset(&f->value, 0, sizeof f->value);
        if (*text == '"') {
            if (names_unquote(&text, &f->value))
                return -1;
        } else if (model_bytes_set(&f->value, text, strcspn(text, " \t"))) {
            return -1;
        } else {
            text += f->value.len;
        }
        line->count++;
        unsigned char *terminated = realloc(f->value.data, f->value.len + 1);
        if (!terminated)
            return -1;
        terminated[f->value.len] = '\0';
        f->value.data = terminated;
    }
}

static const dbl_bytes *get_field(const line_fields *line, const char *key)
{
    for (size_t i = 0; i < line->count; i++) {
        if (strcmp(line->fields[i].key, key) == 0)
            return &line->fields[i].value;
    }
    return NULL;
}

static int get_text(const line_fields *line, const char *key, char **out)
{
    const dbl_bytes *value = get_field(line, key);
    if (!value || memchr(value->data, '\0', value->len))
        return -1;
    free(*out);
    *out = model_strdup((const char *)value->data);
    return *out ? 0 : -1;
}

static int get_u32(const line_fields *line, const char *key, uint32_t *out)
{
    const dbl_bytes *value = get_field(line, key);
    char *end;
    if (!value || value->len == 0)
        return -1;
    unsigned long number = strtoul((const char *)value->data, &end, 10);
    if (*end || number > 0xffffffffUL)
        return -1;
    *out = (uint32_t)number;
    return 0;
}

static int get_flag(const line_fields *line, const char *key, int *out)
{
    uint32_t number;
    if (get_u32(line, key, &number) || number > 1)
        return -1;
    *out = (int)number;
    return 0;
}

static int get_ip(const line_fields *line, const char *key, uint32_t *out)
{
    const dbl_bytes *value = get_field(line, key);
    return value ? names_ip_parse((const char *)value->data, out) : -1;
}

static int get_name(const line_fields *line, const char *key, names_kind kind, int *out)
{
    const dbl_bytes *value = get_field(line, key);
    *out = value ? names_find(kind, (const char *)value->data) : -1;
    return *out < 0 ? -1 : 0;
}

static int get_bytes(const line_fields *line, const char *key, dbl_bytes *out)
{
    const dbl_bytes *value = get_field(line, key);
    return value ? model_bytes_set(out, value->data, value->len) : -1;
}

static int read_server(const line_fields *line, dbl_state *state, dbl_server **current)
{
    char *name = NULL;
    const dbl_bytes *version = get_field(line, "version");
    unsigned long major, minor;
    int enforce;
    if (get_text(line, "name", &name) || !version || get_flag(line, "enforce", &enforce) ||
        sscanf((const char *)version->data, "%lu.%lu", &major, &minor) != 2 ||
        model_find_server(state, name)) {
        free(name);
        return -1;
    }
    *current = model_add_server(state, name, (uint32_t)major, (uint32_t)minor);
    free(name);
    if (!*current)
        return -1;
    (*current)->enforce = enforce;
    if (get_field(line, "addr") && get_ip(line, "addr", &(*current)->addr))
        return -1;
    /* The file lists everything: drop the defaults model_add_server put in. */
    for (size_t i = 0; i < (*current)->class_count; i++)
        model_class_free(&(*current)->classes[i]);
    for (size_t i = 0; i < (*current)->optdef_count; i++)
        model_optdef_free(&(*current)->optdefs[i]);
    (*current)->class_count = 0;
    (*current)->optdef_count = 0;
    return 0;
}

static int read_fault(const line_fields *line, dbl_server *s)
{
    int deny, down;
    if (get_name(line, "deny", NAMES_DENY, &deny) || get_name(line, "down", NAMES_DOWN, &down))
        return -1;
    s->faults.deny = (dbl_deny)deny;
    s->faults.down = (dbl_down)down;
    return get_u32(line, "fail-at", &s->faults.fail_at) ||
                   get_u32(line, "fail-code", &s->faults.fail_code) ||
                   get_u32(line, "absent-code", &s->faults.absent_code) ||
                   get_u32(line, "page-max", &s->faults.page_max) ||
                   get_u32(line, "writes", &s->faults.writes)
               ? -1
               : 0;
}

static int read_subnet(const line_fields *line, dbl_server *s)
{
    dbl_subnet *subnet = model_grow((void **)&s->subnets, &s->subnet_count, sizeof *subnet);
    return !subnet || get_ip(line, "addr", &subnet->addr) ||
                   get_ip(line, "mask", &subnet->mask) ||
                   get_flag(line, "enforce", &subnet->enforce)
               ? -1
               : 0;
}

static int read_class(const line_fields *line, dbl_server *s)
{
    dbl_class *cls = model_grow((void **)&s->classes, &s->class_count, sizeof *cls);
    const dbl_bytes *kind = get_field(line, "kind");
    if (!cls || !kind || get_text(line, "name", &cls->name) ||
        get_text(line, "comment", &cls->comment) || get_flag(line, "builtin", &cls->builtin) ||
        get_u32(line, "flags", &cls->flags) || get_bytes(line, "data", &cls->data))
        return -1;
    cls->vendor = strcmp((const char *)kind->data, "vendor") == 0;
    return cls->vendor || strcmp((const char *)kind->data, "user") == 0 ? 0 : -1;
}

static int read_optdef(const line_fields *line, dbl_server *s, dbl_data **data)
{
    dbl_optdef *def = model_grow((void **)&s->optdefs, &s->optdef_count, sizeof *def);
    if (!def || get_u32(line, "id", &def->id) || get_text(line, "vendor", &def->vendor) ||
        get_flag(line, "array", &def->array) || get_text(line, "name", &def->name) ||
        get_text(line, "comment", &def->comment))
        return -1;
    *data = &def->defval;
    return 0;
}

static int read_value(const line_fields *line, dbl_server *s, dbl_data **data)
{
    dbl_value *value = model_grow((void **)&s->values, &s->value_count, sizeof *value);
    if (!value || get_u32(line, "option", &value->option) ||
        get_ip(line, "subnet", &value->subnet) || get_text(line, "policy", &value->policy) ||
        get_text(line, "class", &value->user_class) || get_text(line, "vendor", &value->vendor))
        return -1;
    *data = &value->data;
    return 0;
}

static int read_element(const line_fields *line, dbl_data *data)
{
    dbl_elem *elem = data ? model_grow((void **)&data->elems, &data->count, sizeof *elem)
                          : NULL;
    if (!elem || get_name(line, "type", NAMES_ELEM, &elem->type))
        return -1;
    switch (elem->type) {
    case DhcpIpAddressOption:
        return get_ip(line, "value", &elem->num);
    case DhcpStringDataOption:
    case DhcpBinaryDataOption:
    case DhcpEncapsulatedDataOption:
    case DhcpIpv6AddressOption:
        return get_bytes(line, "value", &elem->data);
    default:
        return get_u32(line, "value", &elem->num) || get_u32(line, "value2", &elem->num2) ? -1
                                                                                          : 0;
    }
}

static int read_policy(const line_fields *line, dbl_server *s, dbl_policy **current)
{
    dbl_policy *policy = model_grow((void **)&s->policies, &s->policy_count, sizeof *policy);
    *current = policy;
    return !policy || get_text(line, "name", &policy->name) ||
                   get_ip(line, "subnet", &policy->subnet) ||
                   get_u32(line, "order", &policy->order) ||
                   get_flag(line, "enabled", &policy->enabled) ||
                   get_text(line, "description", &policy->description) ||
                   get_text(line, "class", &policy->class_name)
               ? -1
               : 0;
}

static int read_expr(const line_fields *line, dbl_policy *policy)
{
    dbl_expr *expr = policy ? model_grow((void **)&policy->exprs, &policy->expr_count,
                                         sizeof *expr)
                            : NULL;
    return !expr || get_u32(line, "parent", &expr->parent) ||
                   get_name(line, "op", NAMES_LOGIC, &expr->op)
               ? -1
               : 0;
}

static int read_cond(const line_fields *line, dbl_policy *policy)
{
    dbl_cond *cond = policy ? model_grow((void **)&policy->conds, &policy->cond_count,
                                         sizeof *cond)
                            : NULL;
    return !cond || get_u32(line, "parent", &cond->parent) ||
                   get_name(line, "type", NAMES_ATTR, &cond->type) ||
                   get_u32(line, "option", &cond->option) ||
                   get_u32(line, "sub", &cond->suboption) ||
                   get_name(line, "op", NAMES_COMP, &cond->op) ||
                   get_text(line, "vendor", &cond->vendor) ||
                   get_bytes(line, "value", &cond->value)
               ? -1
               : 0;
}

static int read_range(const line_fields *line, dbl_policy *policy)
{
    dbl_range *range = policy ? model_grow((void **)&policy->ranges, &policy->range_count,
                                           sizeof *range)
                              : NULL;
    return !range || get_ip(line, "start", &range->start) || get_ip(line, "end", &range->end)
               ? -1
               : 0;
}

static int read_failover(const line_fields *line, dbl_server *s, dbl_failover **current)
{
    dbl_failover *f = model_grow((void **)&s->failovers, &s->failover_count, sizeof *f);
    *current = f;
    return !f || get_text(line, "name", &f->name) ||
                   get_name(line, "mode", NAMES_FO_MODE, &f->mode) ||
                   get_name(line, "role", NAMES_FO_ROLE, &f->role) ||
                   get_name(line, "state", NAMES_FSM, &f->state) ||
                   get_name(line, "prev-state", NAMES_FSM, &f->prev_state) ||
                   get_ip(line, "primary", &f->primary) ||
                   get_text(line, "primary-name", &f->primary_name) ||
                   get_ip(line, "secondary", &f->secondary) ||
                   get_text(line, "secondary-name", &f->secondary_name) ||
                   get_u32(line, "percentage", &f->percentage) ||
                   get_u32(line, "mclt", &f->mclt) ||
                   get_u32(line, "safe-period", &f->safe_period) ||
                   get_text(line, "secret", &f->secret)
               ? -1
               : 0;
}

static int read_scope(const line_fields *line, dbl_failover *f)
{
    uint32_t *scope = f ? model_grow((void **)&f->scopes, &f->scope_count, sizeof *scope)
                        : NULL;
    return !scope || get_ip(line, "addr", scope) ? -1 : 0;
}

/* Reader position: the items later lines attach to. */
typedef struct reader {
    dbl_server *server;
    dbl_policy *policy;
    dbl_data *data;
    dbl_failover *failover;
} reader;

static int read_line(const line_fields *line, dbl_state *state, reader *at)
{
    const char *kw = line->keyword;
    if (strcmp(kw, "server") == 0) {
        at->policy = NULL;
        at->data = NULL;
        at->failover = NULL;
        return read_server(line, state, &at->server);
    }
    if (!at->server)
        return -1;
    /* A new item ends the policy or option data later lines attach to, and may move the
     * lists (realloc): only the line's own kind sets them again. */
    if (strcmp(kw, "expr") == 0)
        return read_expr(line, at->policy);
    if (strcmp(kw, "cond") == 0)
        return read_cond(line, at->policy);
    if (strcmp(kw, "range") == 0)
        return read_range(line, at->policy);
    if (strcmp(kw, "element") == 0)
        return read_element(line, at->data);
    if (strcmp(kw, "scope") == 0)
        return read_scope(line, at->failover);
    at->policy = NULL;
    at->data = NULL;
    at->failover = NULL;
    if (strcmp(kw, "fault") == 0)
        return read_fault(line, at->server);
    if (strcmp(kw, "subnet") == 0)
        return read_subnet(line, at->server);
    if (strcmp(kw, "class") == 0)
        return read_class(line, at->server);
    if (strcmp(kw, "optdef") == 0)
        return read_optdef(line, at->server, &at->data);
    if (strcmp(kw, "value") == 0)
        return read_value(line, at->server, &at->data);
    if (strcmp(kw, "policy") == 0)
        return read_policy(line, at->server, &at->policy);
    if (strcmp(kw, "failover") == 0)
        return read_failover(line, at->server, &at->failover);
    return -1;
}

static unsigned long parse_file(FILE *in, dbl_state *state, unsigned *bad_line)
{
    static char text[LINE_MAX_LEN];
    reader at = {0};
    unsigned number = 0;
    while (fgets(text, sizeof text, in)) {
        line_fields line = {0};
        number++;
        text[strcspn(text, "\r\n")] = '\0';
        const char *start = text + strspn(text, " \t");
        if (*start == '\0' || *start == '#')
            continue;
        int bad = split_line(start, &line) || read_line(&line, state, &at);
        fields_free(&line);
        if (bad) {
            *bad_line = number;
            return ERROR_INVALID_DATA;
        }
    }
    return model_find_server(state, "") ? 0 : ERROR_INVALID_DATA;
}

static const wchar_t *state_path(void)
{
    const wchar_t *path = _wgetenv(STATE_VARIABLE);
    return path && *path ? path : NULL;
}

int store_fresh(dbl_state *state)
{
    memset(state, 0, sizeof *state);
    if (model_add_server(state, "", 6, 3))
        return 0;
    model_free(state);
    return -1;
}

unsigned long store_load(dbl_state *state, unsigned *bad_line)
{
    const wchar_t *path = state_path();
    *bad_line = 0;
    memset(state, 0, sizeof *state);
    if (!path)
        return ERROR_ENVVAR_NOT_FOUND;
    FILE *in = _wfopen(path, L"r");
    if (!in) {
        if (GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES)
            return ERROR_OPEN_FAILED;
        return store_fresh(state) ? ERROR_NOT_ENOUGH_MEMORY : 0;
    }
    unsigned long rc = parse_file(in, state, bad_line);
    fclose(in);
    if (rc)
        model_free(state);
    return rc;
}

unsigned long store_save(dbl_state *state)
{
    const wchar_t *path = state_path();
    if (!path)
        return ERROR_ENVVAR_NOT_FOUND;
    size_t len = wcslen(path);
    wchar_t *temp = malloc((len + 5) * sizeof *temp);
    if (!temp)
        return ERROR_NOT_ENOUGH_MEMORY;
    swprintf(temp, len + 5, L"%ls.new", path);
    unsigned long rc = ERROR_WRITE_FAULT;
    FILE *out = _wfopen(temp, L"w");
    if (out) {
        store_format(state, out, 1);
        int bad = ferror(out);
        if (fclose(out) == 0 && !bad &&
            MoveFileExW(temp, path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            rc = 0;
        else
            DeleteFileW(temp);
    }
    free(temp);
    return rc;
}
