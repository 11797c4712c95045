/* journey_report.c: the "clients" documents of the status pipe (see journey_report.h). */
#include "journey_report.h"

#include <stdio.h>
#include <string.h>

#include "net_text.h"
#include "pxb_error.h"
#include "status_proto.h"

static void field_seconds_ago(pxb_json *j, const char *key, uint64_t taken_ms, uint64_t at_ms)
{
    pxb_json_field_int(j, key, (long long)(taken_ms > at_ms ? (taken_ms - at_ms) / 1000 : 0));
}

/* "address", "mac" and "arch" (null when not learnt). */
static void put_who(pxb_json *j, const pxb_addr *host, const uint8_t *mac, int has_mac,
                    const char *arch)
{
    char address[PXB_ADDR_TEXT_MAX];
    char mac_text[PXB_MAC_TEXT_MAX];
    pxb_mac m;
    pxb_addr_format_host(host, address, sizeof address);
    memcpy(m.b, mac, sizeof m.b);
    pxb_mac_format(&m, ':', mac_text);
    pxb_json_field_string(j, "address", address);
    pxb_json_field_string(j, "mac", has_mac ? mac_text : NULL);
    pxb_json_field_string(j, "arch", arch[0] ? arch : NULL);
}

static void put_step(pxb_json *j, const journey_step *s, uint64_t taken_ms)
{
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "kind", journey_kind_name(s->kind));
    pxb_json_field_string(j, "name", s->name);
    field_seconds_ago(j, "at_s_ago", taken_ms, s->at_ms);
    pxb_json_field_int(j, "bytes", (long long)s->bytes);
    pxb_json_field_int(j, "duration_ms", (long long)s->duration_ms);
    pxb_json_field_string(j, "end", journey_end_name(s->end));
    pxb_json_end_object(j);
}

static void put_summary(pxb_json *j, const journey_summary *c, uint64_t taken_ms)
{
    pxb_json_begin_object(j);
    put_who(j, &c->host, c->mac, c->has_mac, c->arch);
    pxb_json_field_int(j, "steps", c->steps);
    pxb_json_field_string(j, "state", journey_end_name(c->last.end));
    pxb_json_key(j, "last_step");
    put_step(j, &c->last, taken_ms);
    field_seconds_ago(j, "first_seen_s_ago", taken_ms, c->first_ms);
    field_seconds_ago(j, "last_seen_s_ago", taken_ms, c->last_ms);
    pxb_json_end_object(j);
}

void pxb_clients_report(pxb_json *j, const pxb_runtime_status *rt)
{
    pxb_proto_begin(j);
    pxb_json_key(j, "clients");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < rt->client_count; i++)
        put_summary(j, &rt->clients[i], rt->taken_ms);
    pxb_json_end_array(j);
    pxb_json_end_object(j);
}

void pxb_client_report(pxb_json *j, const pxb_runtime_status *rt, const char *key)
{
    if (!rt->client_found) {
        pxb_error err = {0};
        pxb_error_set(&err, "no client %s among the %d most recently seen", key,
                      JOURNEY_CLIENTS);
        pxb_proto_error(j, err.text);
        return;
    }
    const journey_client *c = &rt->client;
    pxb_proto_begin(j);
    pxb_json_key(j, "client");
    pxb_json_begin_object(j);
    put_who(j, &c->host, c->mac, c->has_mac, c->arch);
    pxb_json_field_int(j, "dropped", c->dropped);
    pxb_json_key(j, "steps");
    pxb_json_begin_array(j);
    for (uint32_t i = 0; i < c->step_count; i++)
        put_step(j, &c->steps[i], rt->taken_ms);
    pxb_json_end_array(j);
    pxb_json_end_object(j);
    pxb_json_end_object(j);
}
