/* http_request.c: URL to confined path (percent-decoding, the prefix, then the TFTP path
 * rules) and the status and headers of the answer (304, 206, 416, 200). */
#include "http_request.h"

#include <stdio.h>
#include <string.h>

#include "ascii_case.h"
#include "http_range.h"

int http_method_sends_body(const char *method)
{
    if (strcmp(method, "GET") == 0)
        return 1;
    return strcmp(method, "HEAD") == 0 ? 0 : -1;
}

/* The path part of an absolute-form URL ("http://host/x" -> "/x"), else url itself. */
static const char *path_of(const char *url)
{
    const char *scheme = strstr(url, "://");
    if (url[0] == '/' || scheme == NULL)
        return url;
    const char *slash = strchr(scheme + 3, '/');
    return slash ? slash : "/";
}

/* Percent-decodes path up to '?' or '#' into out; -1 on a bad escape or overflow. */
static int percent_decode(const char *path, char *out, size_t out_len, size_t *used)
{
    size_t n = 0;
    for (const char *p = path; *p && *p != '?' && *p != '#'; p++) {
        char c = *p;
        if (c == '%') {
            int hi = pxb_hex_digit(p[1]), lo = hi < 0 ? -1 : pxb_hex_digit(p[2]);
            if (lo < 0)
                return -1;
            c = (char)(hi * 16 + lo);
            p += 2;
        }
        if (n + 1 >= out_len)
            return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    *used = n;
    return 0;
}

/* True if the decoded path starts with prefix, ignoring ASCII case. */
static int has_prefix(const char *path, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (pxb_ascii_lower(path[i]) != pxb_ascii_lower(prefix[i]))
            return 0;
    }
    return 1;
}

int http_request_target(const char *prefix_path, const char *url, char *relpath,
                        size_t relpath_len, const char **reason)
{
    char decoded[TFTP_PATH_MAX * 3];
    size_t len;
    if (percent_decode(path_of(url), decoded, sizeof decoded, &len) != 0) {
        *reason = "bad percent-encoding or URL too long";
        return 400;
    }
    size_t skip = strlen(prefix_path);
    if (!has_prefix(decoded, len, prefix_path) || len == skip) {
        *reason = "no file of that name";
        return 404;
    }
    if (tftp_path_normalize(decoded + skip, len - skip, relpath, relpath_len, reason) != 0)
        return 403;
    return 0;
}

int64_t http_seconds_of_ns(int64_t mtime_ns)
{
    int64_t s = mtime_ns / 1000000000;
    return mtime_ns % 1000000000 < 0 ? s - 1 : s;
}

/* True when the client's copy, dated by If-Modified-Since, is still current. */
static int not_modified(const char *if_modified_since, int64_t mtime_s)
{
    int64_t since;
    return if_modified_since && http_date_parse(if_modified_since, &since) == 0 &&
           mtime_s <= since;
}

http_answer http_answer_decide(int sends_body, const char *range, const char *if_modified_since,
                               uint64_t size, int64_t mtime_s)
{
    http_answer a = {.status = 200, .send_body = sends_body, .length = size};
    http_date_format(mtime_s, a.last_modified);
    if (not_modified(if_modified_since, mtime_s)) {
        a.status = 304;
        a.send_body = 0;
        a.length = 0;
        return a;
    }
    /* Range is defined for GET only: a HEAD ignores it (RFC 9110 section 14.2). */
    http_range r = http_range_parse(sends_body ? range : NULL, size);
    if (r.kind == HTTP_RANGE_UNSATISFIABLE) {
        a.status = 416;
        a.send_body = 0;
        a.length = 0;
        snprintf(a.content_range, sizeof a.content_range, "bytes */%llu",
                 (unsigned long long)size);
    } else if (r.kind == HTTP_RANGE_PART) {
        a.status = 206;
        a.offset = r.first;
        a.length = r.last - r.first + 1;
        snprintf(a.content_range, sizeof a.content_range, "bytes %llu-%llu/%llu",
                 (unsigned long long)r.first, (unsigned long long)r.last,
                 (unsigned long long)size);
    }
    a.content_length = a.length;
    return a;
}
