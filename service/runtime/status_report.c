/* status_report.c: the status pipe's status and log documents (see status_report.h). */
#include "status_report.h"

#include <stdio.h>

#include "log.h"
#include "status_proto.h"

void pxb_status_format_time(time_t at, char *out, size_t out_len)
{
    const struct tm *tm = localtime(&at);
    if (tm == NULL || strftime(out, out_len, "%Y-%m-%d %H:%M:%S", tm) == 0)
        snprintf(out, out_len, "-");
}

static void field_time(pxb_json *j, const char *key, time_t at)
{
    char text[32];
    pxb_status_format_time(at, text, sizeof text);
    pxb_json_field_string(j, key, at ? text : NULL);
}

static void put_listeners(pxb_json *j, const pxb_runtime_status *rt)
{
    pxb_json_key(j, "listen");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < rt->listen_count; i++) {
        char host[PXB_ADDR_TEXT_MAX];
        pxb_addr_format_host(&rt->listen[i], host, sizeof host);
        pxb_json_string(j, host);
    }
    pxb_json_end_array(j);
    pxb_json_field_int(j, "port", rt->port);
}

static void put_counters(pxb_json *j, const tftp_stats *s)
{
    pxb_json_key(j, "counters");
    pxb_json_begin_object(j);
    pxb_json_field_int(j, "requests", (long long)s->requests);
    pxb_json_field_int(j, "completed", (long long)s->completed);
    pxb_json_field_int(j, "aborted", (long long)s->aborted);
    pxb_json_field_int(j, "failed", (long long)s->failed);
    pxb_json_field_int(j, "refused", (long long)s->refused);
    pxb_json_field_int(j, "deferred", (long long)s->deferred);
    pxb_json_field_int(j, "bytes", (long long)s->bytes_sent);
    pxb_json_field_int(j, "retransmits", (long long)s->retransmits);
    pxb_json_end_object(j);
    pxb_json_field_int(j, "transfers_in_flight", s->active);
}

/* "http": {"listening", "requests", "bytes", "in_flight", "status": {"200": n, ...}}. */
static void put_http(pxb_json *j, const http_stats *h)
{
    char code[8];
    pxb_json_key(j, "http");
    pxb_json_begin_object(j);
    pxb_json_field_bool(j, "listening", h->listening);
    pxb_json_field_int(j, "requests", (long long)h->requests);
    pxb_json_field_int(j, "bytes", (long long)h->bytes);
    pxb_json_field_int(j, "in_flight", h->in_flight);
    pxb_json_key(j, "status");
    pxb_json_begin_object(j);
    for (int i = 0; i < HTTP_SLOT_COUNT; i++) {
        int status = http_status_of_slot((enum http_status_slot)i);
        if (status != 0)
            snprintf(code, sizeof code, "%d", status);
        else
            snprintf(code, sizeof code, "other");
        pxb_json_field_int(j, code, (long long)h->by_status[i]);
    }
    pxb_json_end_object(j);
    pxb_json_end_object(j);
}

/* "proxy_dhcp": {"mode", "listeners", "counters": {"offered": n, "not_pxe": n, ...}}, under
 * the verdicts' names. */
static void put_proxy(pxb_json *j, const pxb_proxy_status *p)
{
    pxb_json_key(j, "proxy_dhcp");
    pxb_json_begin_object(j);
    pxb_json_field_string(j, "mode", p->mode);
    pxb_json_field_int(j, "listeners", (long long)p->listeners);
    pxb_json_key(j, "counters");
    pxb_json_begin_object(j);
    for (int v = 0; v < PXB_PROXY_VERDICTS; v++)
        pxb_json_field_int(j, pxb_proxy_verdict_name((enum pxb_proxy_verdict)v),
                           (long long)p->verdict[v]);
    pxb_json_end_object(j);
    pxb_json_end_object(j);
}

static void put_dhcp(pxb_json *j, const pxb_service_status *st)
{
    pxb_json_key(j, "dhcp");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < st->server_count; i++) {
        const pxb_status_server *s = &st->servers[i];
        pxb_json_begin_object(j);
        pxb_json_field_string(j, "server", s->server);
        pxb_json_field_string(j, "result", s->result);
        pxb_json_field_string(j, "message", s->message);
        field_time(j, "checked_at", s->checked_at);
        pxb_json_end_object(j);
    }
    pxb_json_end_array(j);
}

static void put_loops(pxb_json *j, const pxb_runtime_status *rt)
{
    pxb_json_key(j, "loops");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < rt->loop_count; i++) {
        const loop_info *l = &rt->loops[i];
        char client[PXB_ADDR_TEXT_MAX];
        pxb_addr_format_host(&l->client, client, sizeof client);
        pxb_json_begin_object(j);
        pxb_json_field_string(j, "client", client);
        pxb_json_field_string(j, "file", l->file);
        pxb_json_field_int(j, "count", l->count);
        pxb_json_field_int(j, "first_seen_s_ago", (long long)((rt->taken_ms - l->first_ms) / 1000));
        pxb_json_field_int(j, "last_seen_s_ago", (long long)((rt->taken_ms - l->last_ms) / 1000));
        pxb_json_end_object(j);
    }
    pxb_json_end_array(j);
    pxb_json_field_int(j, "loops_total", (long long)rt->loops_total);
}

void pxb_status_report(pxb_json *j, const pxb_service_status *st)
{
    const pxb_runtime_status *rt = st->rt;
    pxb_proto_begin(j);
    pxb_json_field_string(j, "state", st->state);
    pxb_json_field_string(j, "pxebridge_version", PXB_VERSION);
    field_time(j, "started_at", st->started_at);
    pxb_json_field_int(j, "uptime_s", (long long)((rt->taken_ms - st->started_ms) / 1000));
    pxb_json_field_string(j, "tftp_root", rt->tftp_root);
    put_listeners(j, rt);
    put_counters(j, &rt->stats);
    put_http(j, st->http);
    put_proxy(j, &rt->proxy);
    pxb_json_field_string(j, "winpe", rt->winpe);
    put_dhcp(j, st);
    put_loops(j, rt);
    pxb_json_end_object(j);
}

void pxb_status_log_report(pxb_json *j, const pxb_log_entry *lines, size_t count)
{
    pxb_proto_begin(j);
    pxb_json_key(j, "events");
    pxb_json_begin_array(j);
    for (size_t i = 0; i < count; i++) {
        pxb_json_begin_object(j);
        field_time(j, "time", lines[i].at);
        pxb_json_field_string(j, "level", pxb_log_level_name(lines[i].level));
        pxb_json_field_int(j, "id", lines[i].event_id);
        pxb_json_field_string(j, "message", lines[i].message);
        pxb_json_end_object(j);
    }
    pxb_json_end_array(j);
    pxb_json_end_object(j);
}
