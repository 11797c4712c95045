/* eventlog.c: the Windows Event Log sink and the registration of its event source (see
 * eventlog.h). */
#include "eventlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#include "log.h"
#include "messages.h"
#include "win_text.h"

#define SOURCE_NAME L"PxeBridge"
#define SOURCE_KEY L"SYSTEM\\CurrentControlSet\\Services\\EventLog\\Application\\PxeBridge"
#define TYPES_SUPPORTED (EVENTLOG_ERROR_TYPE | EVENTLOG_WARNING_TYPE | EVENTLOG_INFORMATION_TYPE)

struct pxb_eventlog {
    HANDLE source;
};

/* Event ids (log.h) and the message table entries (messages.mc) that carry their text. */
static const struct {
    int event_id;
    DWORD message_id;
} messages[] = {
    {PXB_EV_GENERIC, MSG_GENERIC},
    {PXB_EV_SERVICE_START, MSG_SERVICE_START},
    {PXB_EV_SERVICE_STOP, MSG_SERVICE_STOP},
    {PXB_EV_CONFIG_ERROR, MSG_CONFIG_ERROR},
    {PXB_EV_CONFIG_RELOADED, MSG_CONFIG_RELOADED},
    {PXB_EV_TRANSFER_FAILED, MSG_TRANSFER_FAILED},
    {PXB_EV_LISTEN_FAILED, MSG_LISTEN_FAILED},
    {PXB_EV_TRANSFER_DONE, MSG_TRANSFER_DONE},
    {PXB_EV_REQUEST_REFUSED, MSG_REQUEST_REFUSED},
    {PXB_EV_LOOP_DETECTED, MSG_LOOP_DETECTED},
    {PXB_EV_DHCP_DRIFT, MSG_DHCP_DRIFT},
    {PXB_EV_DHCP_REPAIRED, MSG_DHCP_REPAIRED},
    {PXB_EV_DHCP_FAILED, MSG_DHCP_FAILED},
    {PXB_EV_DHCP_IN_LINE, MSG_DHCP_IN_LINE},
    {PXB_EV_PROXY_PORT_TAKEN, MSG_PROXY_PORT_TAKEN},
    {PXB_EV_WDS_RUNNING, MSG_WDS_RUNNING},
    {PXB_EV_PROXY_FLOOD, MSG_PROXY_FLOOD},
};

static DWORD find_message(int event_id)
{
    for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++) {
        if (messages[i].event_id == event_id)
            return messages[i].message_id;
    }
    return MSG_GENERIC;
}

/* Writes "what: <reason for code>" to err. */
static void fail_win(const char *what, LSTATUS code, pxb_error *err)
{
    char reason[256];
    pxb_describe_error((unsigned long)code, reason, sizeof reason);
    pxb_error_set(err, "%s: %s", what, reason);
}

/* Writes the source's values into key: message_file (or this executable) as the message
 * file. */
static LSTATUS write_source(HKEY key, const wchar_t *message_file)
{
    wchar_t exe[MAX_PATH + 1];
    if (message_file == NULL) {
        DWORD got = GetModuleFileNameW(NULL, exe, MAX_PATH + 1);
        if (got == 0 || got > MAX_PATH)
            return got == 0 ? (LSTATUS)GetLastError() : ERROR_INSUFFICIENT_BUFFER;
        message_file = exe;
    }
    DWORD size = (DWORD)((wcslen(message_file) + 1) * sizeof message_file[0]);
    LSTATUS rc = RegSetValueExW(key, L"EventMessageFile", 0, REG_EXPAND_SZ,
                                (const BYTE *)message_file, size);
    if (rc != ERROR_SUCCESS)
        return rc;
    DWORD types = TYPES_SUPPORTED;
    return RegSetValueExW(key, L"TypesSupported", 0, REG_DWORD, (const BYTE *)&types,
                          sizeof types);
}

int pxb_eventlog_register(const wchar_t *message_file, pxb_error *err)
{
    HKEY key;
    LSTATUS rc = RegOpenKeyExW(HKEY_LOCAL_MACHINE, SOURCE_KEY, 0, KEY_QUERY_VALUE, &key);
    if (rc == ERROR_SUCCESS) {
        rc = RegQueryValueExW(key, L"EventMessageFile", NULL, NULL, NULL, NULL);
        RegCloseKey(key);
        if (rc == ERROR_SUCCESS)
            return 0; /* registered already, by the installer or an earlier start */
    }
    rc = RegCreateKeyExW(HKEY_LOCAL_MACHINE, SOURCE_KEY, 0, NULL, REG_OPTION_NON_VOLATILE,
                         KEY_SET_VALUE, NULL, &key, NULL);
    if (rc != ERROR_SUCCESS) {
        fail_win("cannot register the PxeBridge event source", rc, err);
        return -1;
    }
    rc = write_source(key, message_file);
    RegCloseKey(key);
    if (rc != ERROR_SUCCESS) {
        fail_win("cannot register the PxeBridge event source", rc, err);
        return -1;
    }
    return 0;
}

int pxb_eventlog_unregister(pxb_error *err)
{
    LSTATUS rc = RegDeleteKeyW(HKEY_LOCAL_MACHINE, SOURCE_KEY);
    if (rc == ERROR_SUCCESS || rc == ERROR_FILE_NOT_FOUND)
        return 0;
    fail_win("cannot remove the PxeBridge event source", rc, err);
    return -1;
}

pxb_eventlog *pxb_eventlog_open(pxb_error *err)
{
    pxb_eventlog *el = malloc(sizeof *el);
    if (el == NULL) {
        pxb_error_set(err, "out of memory");
        return NULL;
    }
    el->source = RegisterEventSourceW(NULL, SOURCE_NAME);
    if (el->source == NULL) {
        fail_win("cannot open the PxeBridge event source", (LSTATUS)GetLastError(), err);
        free(el);
        return NULL;
    }
    return el;
}

void pxb_eventlog_close(pxb_eventlog *el)
{
    if (el == NULL)
        return;
    DeregisterEventSource(el->source);
    free(el);
}

static int worth_reporting(int level, int event_id)
{
    if (level <= PXB_LOG_WARN)
        return 1;
    return level == PXB_LOG_INFO &&
           (event_id == PXB_EV_SERVICE_START || event_id == PXB_EV_SERVICE_STOP ||
            event_id == PXB_EV_CONFIG_RELOADED || event_id == PXB_EV_DHCP_REPAIRED ||
            event_id == PXB_EV_DHCP_IN_LINE);
}

static WORD event_type(int level)
{
    if (level == PXB_LOG_ERROR)
        return EVENTLOG_ERROR_TYPE;
    return level == PXB_LOG_WARN ? EVENTLOG_WARNING_TYPE : EVENTLOG_INFORMATION_TYPE;
}

void pxb_eventlog_sink(void *ctx, int level, int event_id, const char *message)
{
    pxb_eventlog *el = ctx;
    if (!worth_reporting(level, event_id))
        return;
    wchar_t *text = pxb_wide_from_utf8(message);
    if (text == NULL)
        return; /* out of memory: the log file still has the line */
    const wchar_t *inserts[1] = {text};
    /* A full Event Log can't be helped from here, and the log file has the line: a failed
     * report is dropped. */
    ReportEventW(el->source, event_type(level), 0, find_message(event_id), NULL, 1, 0, inserts,
                 NULL);
    free(text);
}
