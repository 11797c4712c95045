/* http_sys_reply.c: answers one HTTP.sys request with http_request.h's decision. A file of
 * the root goes out as a file-handle chunk, so HTTP.sys reads it itself and nothing of it
 * is copied into our memory; where the OS refuses that chunk with ERROR_CALL_NOT_IMPLEMENTED
 * (wine 8), the file's bytes from the file cache go out as one memory chunk instead, and
 * every later answer does so at once. The whole answer is always one HttpSendHttpResponse:
 * HttpSendResponseEntityBody is never called (a crashing stub in wine 8). */
#include "http_sys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "fs.h"
#include "http_log.h"
#include "http_request.h"
#include "log.h"
#include "pxb_addr.h"
#include "sockaddr_conv.h"
#include "win_text.h"

#define HEADER_TEXT_MAX 256
#define URL_TEXT_MAX 4096

/* What the body comes from: a file handle (Windows) or shared bytes (the cache, a
 * generated file). */
typedef struct body_source {
    HANDLE handle;
    const tftp_blob *blob;
    uint64_t size;
    int64_t mtime_s;
} body_source;

/* What one request asked, as text. */
typedef struct request_text {
    char method[32];
    char client[PXB_ADDR_TEXT_MAX];
    char url[URL_TEXT_MAX];
    char range[HEADER_TEXT_MAX];
    char since[HEADER_TEXT_MAX];
} request_text;

static const char *const verb_names[HttpVerbMaximum] = {
    [HttpVerbOPTIONS] = "OPTIONS", [HttpVerbGET] = "GET",       [HttpVerbHEAD] = "HEAD",
    [HttpVerbPOST] = "POST",       [HttpVerbPUT] = "PUT",       [HttpVerbDELETE] = "DELETE",
    [HttpVerbTRACE] = "TRACE",     [HttpVerbCONNECT] = "CONNECT", [HttpVerbTRACK] = "TRACK",
    [HttpVerbMOVE] = "MOVE",       [HttpVerbCOPY] = "COPY",     [HttpVerbPROPFIND] = "PROPFIND",
    [HttpVerbPROPPATCH] = "PROPPATCH", [HttpVerbMKCOL] = "MKCOL", [HttpVerbLOCK] = "LOCK",
    [HttpVerbUNLOCK] = "UNLOCK",   [HttpVerbSEARCH] = "SEARCH",
};

/* Copies len bytes of text (not NUL-terminated) into out, cutting what does not fit. */
static void copy_text(char *out, size_t out_len, const char *text, size_t len)
{
    if (text == NULL)
        len = 0;
    if (len >= out_len)
        len = out_len - 1;
    if (len > 0)
        memcpy(out, text, len);
    out[len] = '\0';
}

static void read_request(const HTTP_REQUEST *req, request_text *t)
{
    const HTTP_KNOWN_HEADER *h = req->Headers.KnownHeaders;
    if (req->Verb > HttpVerbInvalid && req->Verb < HttpVerbMaximum && verb_names[req->Verb])
        snprintf(t->method, sizeof t->method, "%s", verb_names[req->Verb]);
    else
        copy_text(t->method, sizeof t->method, req->pUnknownVerb, req->UnknownVerbLength);
    copy_text(t->url, sizeof t->url, req->pRawUrl, req->RawUrlLength);
    copy_text(t->range, sizeof t->range, h[HttpHeaderRange].pRawValue,
              h[HttpHeaderRange].RawValueLength);
    copy_text(t->since, sizeof t->since, h[HttpHeaderIfModifiedSince].pRawValue,
              h[HttpHeaderIfModifiedSince].RawValueLength);
    struct sockaddr_storage ss = {0};
    const SOCKADDR *sa = req->Address.pRemoteAddress;
    pxb_addr client;
    if (sa != NULL)
        memcpy(&ss, sa, sa->sa_family == AF_INET6 ? sizeof(SOCKADDR_IN6) : sizeof(SOCKADDR_IN));
    pxb_addr_from_sockaddr(&ss, &client);
    pxb_addr_format(&client, t->client, sizeof t->client);
}

static const char *reason_of(int status)
{
    switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 416: return "Range Not Satisfiable";
    default: return "Internal Server Error";
    }
}

static void set_header(HTTP_RESPONSE *resp, HTTP_HEADER_ID id, const char *value)
{
    resp->Headers.KnownHeaders[id].pRawValue = value;
    resp->Headers.KnownHeaders[id].RawValueLength = (USHORT)strlen(value);
}

static ULONG send_response(HANDLE queue, HTTP_REQUEST_ID id, HTTP_RESPONSE *resp,
                           HTTP_DATA_CHUNK *chunk)
{
    ULONG sent = 0;
    resp->EntityChunkCount = chunk ? 1 : 0;
    resp->pEntityChunks = chunk;
    return HttpSendHttpResponse(queue, id, 0, resp, NULL, &sent, NULL, 0, NULL, NULL);
}

/* A refusal: the status, a one-line text body, Allow on a 405. */
static void send_refusal(HANDLE queue, HTTP_REQUEST_ID id, int status)
{
    char body[64], length[24];
    HTTP_RESPONSE resp = {0};
    HTTP_DATA_CHUNK chunk = {.DataChunkType = HttpDataChunkFromMemory};
    int n = snprintf(body, sizeof body, "%d %s\n", status, reason_of(status));
    snprintf(length, sizeof length, "%d", n);
    resp.StatusCode = (USHORT)status;
    resp.pReason = reason_of(status);
    resp.ReasonLength = (USHORT)strlen(resp.pReason);
    set_header(&resp, HttpHeaderContentType, "text/plain");
    set_header(&resp, HttpHeaderContentLength, length);
    if (status == 405)
        set_header(&resp, HttpHeaderAllow, HTTP_ALLOWED_METHODS);
    chunk.FromMemory.pBuffer = body;
    chunk.FromMemory.BufferLength = (ULONG)n;
    send_response(queue, id, &resp, &chunk);
}

/* Opens the root's file at canonical by handle for HTTP.sys to read. */
static int open_handle(const char *canonical, const pxb_fs_stamp *stamp, body_source *b)
{
    wchar_t *wide = pxb_wide_from_utf8(canonical);
    b->handle = wide ? CreateFileW(wide, GENERIC_READ,
                                   FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                                   OPEN_EXISTING, FILE_FLAG_SEQUENTIAL_SCAN, NULL)
                     : INVALID_HANDLE_VALUE;
    free(wide);
    b->size = stamp->size;
    b->mtime_s = http_seconds_of_ns(stamp->mtime_ns);
    return b->handle == INVALID_HANDLE_VALUE ? TFTP_OPEN_FAILED : TFTP_OPEN_OK;
}

/* Takes rel's bytes from the provider: the cached root file (found: its stamp), or a
 * generated file, dated when the generated files were set. */
static int open_blob(http_sys_files *f, const char *rel, const pxb_fs_stamp *found,
                     body_source *b)
{
    tftp_files p = generated_files_provider(f->generated);
    int rc = p.open(p.ctx, rel, 0, &b->blob, NULL);
    if (rc != TFTP_OPEN_OK)
        return rc;
    b->size = b->blob->size;
    b->mtime_s = found ? http_seconds_of_ns(found->mtime_ns) : f->generated_at;
    return rc;
}

/* Opens rel for its body: the root's file by handle (unless memory_only), else the file
 * provider's bytes (a generated file too). Returns 0 or the status to refuse with. */
static int open_body(http_sys_files *f, const char *rel, body_source *b, const char **reason)
{
    char canonical[PXB_FS_PATH_MAX];
    pxb_fs_stamp stamp;
    EnterCriticalSection(&f->lock);
    int rc = pxb_fs_resolve(f->root, rel, canonical, sizeof canonical, &stamp, NULL);
    if (rc == TFTP_OPEN_OK && !f->memory_only)
        rc = open_handle(canonical, &stamp, b);
    else if (rc == TFTP_OPEN_OK || rc == TFTP_OPEN_NOT_FOUND)
        rc = open_blob(f, rel, rc == TFTP_OPEN_OK ? &stamp : NULL, b);
    LeaveCriticalSection(&f->lock);
    switch (rc) {
    case TFTP_OPEN_OK:
        return 0;
    case TFTP_OPEN_NOT_FOUND:
        *reason = "file not found";
        return 404;
    case TFTP_OPEN_DENIED:
        *reason = "not a regular file, or a link leading outside the root";
        return 403;
    default:
        *reason = "the file could not be read";
        return 500;
    }
}

static void close_body(http_sys_files *f, body_source *b)
{
    if (b->handle != INVALID_HANDLE_VALUE)
        CloseHandle(b->handle);
    if (b->blob != NULL) {
        EnterCriticalSection(&f->lock);
        tftp_files p = generated_files_provider(f->generated);
        p.release(p.ctx, b->blob);
        LeaveCriticalSection(&f->lock);
    }
    b->handle = INVALID_HANDLE_VALUE;
    b->blob = NULL;
}

/* The answer's headers (a's texts must outlive the send). */
static void fill_headers(HTTP_RESPONSE *resp, const http_answer *a, char *length)
{
    resp->StatusCode = (USHORT)a->status;
    resp->pReason = reason_of(a->status);
    resp->ReasonLength = (USHORT)strlen(resp->pReason);
    set_header(resp, HttpHeaderLastModified, a->last_modified);
    set_header(resp, HttpHeaderAcceptRanges, "bytes");
    if (a->status == 304)
        return;
    set_header(resp, HttpHeaderContentType, "application/octet-stream");
    set_header(resp, HttpHeaderContentLength, length);
    if (a->content_range[0] != '\0')
        set_header(resp, HttpHeaderContentRange, a->content_range);
}

/* Sends a; returns the Win32 result. The chunk is the handle's range, or the bytes. */
static ULONG send_answer(HANDLE queue, HTTP_REQUEST_ID id, const http_answer *a,
                         const body_source *b)
{
    char length[24];
    HTTP_RESPONSE resp = {0};
    HTTP_DATA_CHUNK chunk = {0};
    snprintf(length, sizeof length, "%llu", (unsigned long long)a->content_length);
    fill_headers(&resp, a, length);
    if (!a->send_body || a->length == 0)
        return send_response(queue, id, &resp, NULL);
    if (b->handle != INVALID_HANDLE_VALUE) {
        chunk.DataChunkType = HttpDataChunkFromFileHandle;
        chunk.FromFileHandle.ByteRange.StartingOffset.QuadPart = a->offset;
        chunk.FromFileHandle.ByteRange.Length.QuadPart = a->length;
        chunk.FromFileHandle.FileHandle = b->handle;
    } else {
        if (a->length > 0xFFFFFFFFu)
            return ERROR_ARITHMETIC_OVERFLOW;
        chunk.DataChunkType = HttpDataChunkFromMemory;
        chunk.FromMemory.pBuffer = (void *)(b->blob->data + a->offset);
        chunk.FromMemory.BufferLength = (ULONG)a->length;
    }
    return send_response(queue, id, &resp, &chunk);
}

/* Serves rel: opens it, decides, sends (again from memory when the OS refuses the file
 * handle). Returns the status sent and sets *bytes. */
static int serve_file(HANDLE queue, const HTTP_REQUEST *req, const request_text *t,
                      const char *rel, http_sys_files *f, uint64_t *bytes, const char **reason)
{
    body_source b = {INVALID_HANDLE_VALUE, NULL, 0, 0};
    int sends = http_method_sends_body(t->method);
    int status = open_body(f, rel, &b, reason);
    if (status != 0) {
        send_refusal(queue, req->RequestId, status);
        return status;
    }
    http_answer a = http_answer_decide(sends, t->range[0] ? t->range : NULL,
                                       t->since[0] ? t->since : NULL, b.size, b.mtime_s);
    ULONG rc = send_answer(queue, req->RequestId, &a, &b);
    if (rc == ERROR_CALL_NOT_IMPLEMENTED && b.handle != INVALID_HANDLE_VALUE) {
        if (InterlockedExchange(&f->memory_only, 1) == 0)
            pxb_log(PXB_LOG_INFO, PXB_EV_GENERIC,
                    "HTTP: this system cannot send a file by handle (error 120); files go "
                    "out from memory from now on");
        close_body(f, &b);
        return serve_file(queue, req, t, rel, f, bytes, reason);
    }
    close_body(f, &b);
    *bytes = rc == NO_ERROR && a.send_body ? a.length : 0;
    if (rc != NO_ERROR)
        *reason = "the answer could not be sent (the client left?)";
    return rc == NO_ERROR ? a.status : 500;
}

void http_sys_reply(HANDLE queue, HTTP_REQUEST *req, const char *prefix, http_sys_files *files,
                    http_counters *counters)
{
    request_text t;
    char rel[TFTP_PATH_MAX];
    const char *reason = NULL;
    uint64_t bytes = 0, started = pxb_clock_now_ms();
    int status;
    http_counters_begin(counters);
    read_request(req, &t);
    if (http_method_sends_body(t.method) < 0) {
        status = 405;
        reason = "only GET and HEAD are served";
    } else {
        status = http_request_target(prefix, t.url, rel, sizeof rel, &reason);
    }
    if (status != 0)
        send_refusal(queue, req->RequestId, status);
    else
        status = serve_file(queue, req, &t, rel, files, &bytes, &reason);
    http_counters_end(counters, status, bytes);
    http_log_entry e = {t.client, t.method, status < 400 ? rel : t.url, status, bytes,
                        pxb_clock_now_ms() - started, reason};
    http_log_request(&e);
}

void http_sys_reply_unreadable(HANDLE queue, HTTP_REQUEST_ID id, http_counters *counters)
{
    http_counters_begin(counters);
    send_refusal(queue, id, 400);
    http_counters_end(counters, 400, 0);
    pxb_log(PXB_LOG_INFO, PXB_EV_REQUEST_REFUSED,
            "HTTP: a request with headers over the buffer was refused with 400");
}
