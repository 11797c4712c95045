/* fuzz_http_request.c: libFuzzer target for the HTTP request logic. The input is a URL, a
 * Range value and an If-Modified-Since value separated by NUL bytes, then 8 bytes of file
 * size. Whatever they are, an accepted URL must give a confined relative path (no "..",
 * no '\\' or ':', no leading '/'), a refusal must carry a reason and a 400/403/404 status,
 * and the answer must stay inside the file with a Content-Range where one is due. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http_request.h"

/* Copies the next NUL-separated field of data into out (NUL-terminated). */
static const uint8_t *take_field(const uint8_t *p, const uint8_t *end, char *out, size_t len)
{
    size_t n = 0;
    while (p < end && *p != 0 && n + 1 < len)
        out[n++] = (char)*p++;
    out[n] = '\0';
    return p < end ? p + 1 : p;
}

static void check_target(const char *url)
{
    char rel[TFTP_PATH_MAX];
    const char *reason = NULL;
    int status = http_request_target("/pxb/", url, rel, sizeof rel, &reason);
    if (status != 0) {
        if ((status != 400 && status != 403 && status != 404) || !reason || !reason[0])
            abort();
        return;
    }
    if (rel[0] == '\0' || rel[0] == '/' || strchr(rel, '\\') || strchr(rel, ':') ||
        strstr(rel, "//") || strcmp(rel, "..") == 0 || strncmp(rel, "../", 3) == 0 ||
        strstr(rel, "/../") || (strlen(rel) >= 3 && strcmp(rel + strlen(rel) - 3, "/..") == 0))
        abort();
}

static void check_answer(int get, const char *range, const char *ims, uint64_t size)
{
    http_answer a = http_answer_decide(get, range[0] ? range : NULL, ims[0] ? ims : NULL, size,
                                       (int64_t)(size >> 20));
    if (a.status != 200 && a.status != 206 && a.status != 304 && a.status != 416)
        abort();
    if (a.offset > size || a.length > size - a.offset || (a.send_body && !get))
        abort();
    if ((a.status == 206 || a.status == 416) != (a.content_range[0] != '\0'))
        abort();
    if (a.status == 206 && a.length == 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *end = data + size, *p = data;
    char url[4096], range[256], ims[64];
    uint64_t file_size = 0;
    p = take_field(p, end, url, sizeof url);
    p = take_field(p, end, range, sizeof range);
    p = take_field(p, end, ims, sizeof ims);
    if (end - p >= 8)
        memcpy(&file_size, p, 8);
    check_target(url);
    check_answer(1, range, ims, file_size);
    check_answer(0, range, ims, file_size);
    return 0;
}
