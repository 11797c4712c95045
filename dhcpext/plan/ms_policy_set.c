/* ms_policy_set.c: the policy set of one level (see ms_policy_set.h): one policy per
 * architecture, named and ordered from the rule list, descriptions clipped to 255
 * characters. Pure C, no OS calls. */
#include "ms_policy_set.h"

#include <stdio.h>
#include <string.h>

#include "text_out.h"

static size_t count_chars(const char *s, size_t bytes)
{
    size_t n = 0;

    for (size_t i = 0; i < bytes; i++)
        n += ((unsigned char)s[i] & 0xC0u) != 0x80u;
    return n;
}

void pxb_ms_clip_chars(char *text, size_t max_chars)
{
    size_t len = strlen(text), chars = 0, i = 0;

    if (count_chars(text, len) <= max_chars)
        return;
    /* Keep max_chars - 3 characters, then "...". */
    for (; i < len; i++) {
        if (((unsigned char)text[i] & 0xC0u) != 0x80u && chars++ == max_chars - 3)
            break;
    }
    memcpy(text + i, "...", 4);
}

/* "[pxebridge] x64 UEFI (arch 7), not iPXE -> snponly.efi from 10.0.0.5". */
static void describe_arch(const pxb_rule *r, const pxb_rule_vendor *v, char *out, size_t len)
{
    char server[PXB_IPV4_TEXT_MAX];
    pxb_text t;

    pxb_text_init(&t, out, len);
    pxb_text_printf(&t, "%s %s (arch %u), not iPXE -> %s", PXB_OWNER_MARK, r->label, v->arch,
                    r->boot_file);
    pxb_ipv4_format(r->next_server, server);
    if (r->http_client)
        pxb_text_printf(&t, " with option 060 %s", PXB_HTTP_CLIENT_ID);
    else if (r->next_server != 0)
        pxb_text_printf(&t, " from %s", server);
}

static void add_spec(const pxb_rule *r, const pxb_rule_vendor *v, pxb_ms_policy_spec *s,
                     unsigned order)
{
    s->rule = r;
    s->vendor = v;
    s->order = order;
    if (v != NULL && r->vendor_count > 1)
        snprintf(s->name, sizeof s->name, "%s (arch %u)", r->policy, v->arch);
    else
        snprintf(s->name, sizeof s->name, "%s", r->policy);
    if (v != NULL)
        describe_arch(r, v, s->description, sizeof s->description);
    else
        snprintf(s->description, sizeof s->description, "%s", r->summary);
    pxb_ms_clip_chars(s->description, PXB_MS_DESCR_CHARS);
}

size_t pxb_ms_policy_set(const pxb_rule_list *rules,
                         pxb_ms_policy_spec out[PXB_MS_LEVEL_POLICIES_MAX])
{
    size_t n = 0;

    for (size_t i = 0; i < rules->count; i++) {
        const pxb_rule *r = &rules->rules[i];
        if (r->kind == PXB_RULE_EXCLUDE)
            continue;
        if (r->vendor_count == 0) {
            add_spec(r, NULL, &out[n], (unsigned)n + 1);
            n++;
        }
        for (size_t v = 0; v < r->vendor_count; v++, n++)
            add_spec(r, &r->vendors[v], &out[n], (unsigned)n + 1);
    }
    return n;
}
