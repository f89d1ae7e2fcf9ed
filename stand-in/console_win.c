/* Console endpoints on Windows (console.h): real named pipes; session endpoints relay to their TCP
 * target, COM endpoints run console_com.c. */
#define _POSIX_C_SOURCE 200809L
#include "console_internal.h"
#include "console_com.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>

/* ==== Windows: named pipes ======================================================================== */

struct sa_console {
  int kind;
  char *pipe_name;
  sa_com *com; /* COM endpoints: what their connections get (console_com.c) */
  wchar_t *wname;
  HANDLE stop; /* manual-reset event */
  pthread_t thread;
  conn_count cc;
};

typedef struct {
  sa_console *c;
  HANDLE pipe;
} conn_arg;

static int stopping(sa_console *c) { return WaitForSingleObject(c->stop, 0) == WAIT_OBJECT_0; }

/* Waits for an overlapped pipe operation that `ok`/GetLastError() say was started; cancels it when the
 * endpoint stops. Returns the bytes transferred, or -1. */
static long finish_io(sa_console *c, HANDLE pipe, OVERLAPPED *ov, BOOL ok) {
  DWORD n = 0;
  if (!ok && GetLastError() != ERROR_IO_PENDING) return -1;
  HANDLE hs[2] = {ov->hEvent, c->stop};
  if (WaitForMultipleObjects(2, hs, FALSE, INFINITE) != WAIT_OBJECT_0) {
    CancelIoEx(pipe, ov);
    GetOverlappedResult(pipe, ov, &n, TRUE); /* the OVERLAPPED must outlive the cancelled I/O */
    return -1;
  }
  return GetOverlappedResult(pipe, ov, &n, FALSE) ? (long)n : -1;
}

static int pipe_write(sa_console *c, HANDLE pipe, const char *buf, DWORD n) {
  OVERLAPPED ov;
  int ok = 1;
  memset(&ov, 0, sizeof ov);
  ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  if (!ov.hEvent) return 0;
  while (ok && n > 0) {
    long w = finish_io(c, pipe, &ov, WriteFile(pipe, buf, n, NULL, &ov));
    if (w <= 0) ok = 0;
    else buf += w, n -= (DWORD)w;
    ResetEvent(ov.hEvent);
  }
  CloseHandle(ov.hEvent);
  return ok;
}

static SOCKET connect_target(const char *host, uint16_t port) {
  char service[8];
  snprintf(service, sizeof service, "%u", (unsigned)port);
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(host, service, &hints, &res) != 0) return INVALID_SOCKET;
  SOCKET s = INVALID_SOCKET;
  for (struct addrinfo *ai = res; ai && s == INVALID_SOCKET; ai = ai->ai_next) {
    s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    BOOL one = TRUE; /* no Nagle delay on the hop that stands in for the pipe (see the Linux side) */
    if (s != INVALID_SOCKET && (setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one) != 0 ||
                                connect(s, ai->ai_addr, (int)ai->ai_addrlen) != 0)) {
      closesocket(s);
      s = INVALID_SOCKET;
    }
  }
  freeaddrinfo(res);
  return s;
}

/* Sends everything on a non-blocking socket (WSAEventSelect made it so), retrying while it is full. */
static int send_all(sa_console *c, SOCKET s, const char *buf, long n) {
  while (n > 0) {
    int w = send(s, buf, (int)n, 0);
    if (w > 0) {
      buf += w;
      n -= w;
    } else if (w == SOCKET_ERROR && WSAGetLastError() == WSAEWOULDBLOCK && !stopping(c)) Sleep(1);
    else return 0;
  }
  return 1;
}

static void serve_session(sa_console *c, HANDLE pipe) {
  char host[256], buf[16384];
  uint16_t port;
  if (!sa_console_lookup_target(c->pipe_name, host, sizeof host, &port)) return;
  SOCKET s = connect_target(host, port);
  if (s == INVALID_SOCKET) return;
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  WSAEVENT sock_ev = WSACreateEvent();
  int reading = 0;
  if (!ov.hEvent || sock_ev == WSA_INVALID_EVENT || WSAEventSelect(s, sock_ev, FD_READ | FD_CLOSE) != 0) goto done;
  for (int alive = 1; alive;) {
    if (!reading) {
      ResetEvent(ov.hEvent);
      if (!ReadFile(pipe, buf, sizeof buf, NULL, &ov) && GetLastError() != ERROR_IO_PENDING) break;
      reading = 1;
    }
    HANDLE hs[3] = {ov.hEvent, sock_ev, c->stop};
    DWORD w = WaitForMultipleObjects(3, hs, FALSE, INFINITE);
    if (w == WAIT_OBJECT_0) {
      DWORD n = 0;
      reading = 0;
      if (!GetOverlappedResult(pipe, &ov, &n, FALSE) || !send_all(c, s, buf, (long)n)) break;
    } else if (w == WAIT_OBJECT_0 + 1) {
      WSANETWORKEVENTS ne;
      char in[16384];
      if (WSAEnumNetworkEvents(s, sock_ev, &ne) != 0) break;
      for (;;) {
        int r = recv(s, in, sizeof in, 0);
        if (r > 0) {
          if (pipe_write(c, pipe, in, (DWORD)r)) continue;
          alive = 0;
        } else if (r == 0 || WSAGetLastError() != WSAEWOULDBLOCK) alive = 0;
        break;
      }
      if (ne.lNetworkEvents & FD_CLOSE) alive = 0;
    } else break;
  }
done:
  if (reading) {
    DWORD n;
    CancelIoEx(pipe, &ov);
    GetOverlappedResult(pipe, &ov, &n, TRUE);
  }
  if (ov.hEvent) CloseHandle(ov.hEvent);
  if (sock_ev != WSA_INVALID_EVENT) WSACloseEvent(sock_ev);
  closesocket(s);
}

static void *conn_thread(void *arg) {
  conn_arg *a = arg;
  if (a->c->kind == SA_CONSOLE_COM) sa_com_serve(a->c->com, a->pipe, a->c->stop);
  else serve_session(a->c, a->pipe);
  DisconnectNamedPipe(a->pipe);
  CloseHandle(a->pipe);
  sa_conns_add(&a->c->cc, -1);
  free(a);
  return NULL;
}

static void *server_thread(void *arg) {
  sa_console *c = arg;
  OVERLAPPED ov;
  memset(&ov, 0, sizeof ov);
  ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
  while (ov.hEvent && !stopping(c)) {
    HANDLE pipe = CreateNamedPipeW(c->wname, PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED,
                                   PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT, PIPE_UNLIMITED_INSTANCES, 65536,
                                   65536, 0, NULL);
    if (pipe == INVALID_HANDLE_VALUE) {
      WaitForSingleObject(c->stop, 100); /* e.g. the name is still held by a stopping VM */
      continue;
    }
    ResetEvent(ov.hEvent);
    /* A client that connected between CreateNamedPipeW and ConnectNamedPipe gives ERROR_PIPE_CONNECTED
     * without signalling the event. */
    BOOL ok = ConnectNamedPipe(pipe, &ov);
    BOOL connected = !ok && GetLastError() == ERROR_PIPE_CONNECTED;
    if (!connected) connected = finish_io(c, pipe, &ov, ok) >= 0;
    conn_arg *a = connected ? malloc(sizeof *a) : NULL;
    if (!a) {
      CloseHandle(pipe);
      continue;
    }
    a->c = c;
    a->pipe = pipe;
    sa_conns_add(&c->cc, 1);
    if (!sa_thread_start(NULL, conn_thread, a)) {
      sa_conns_add(&c->cc, -1);
      CloseHandle(pipe);
      free(a);
    }
  }
  if (ov.hEvent) CloseHandle(ov.hEvent);
  return NULL;
}

static pthread_once_t wsa_once = PTHREAD_ONCE_INIT;
static void wsa_init(void) {
  WSADATA data;
  WSAStartup(MAKEWORD(2, 2), &data);
}

sa_console *sa_console_start(const char *pipe_name, int kind, const char *banner, const char *boot, const char *owner) {
  (void)owner; /* under wine the real kernel32 answers who serves a pipe: this process */
  if (!sa_console_pipe_rest(pipe_name)) return NULL;
  pthread_once(&wsa_once, wsa_init);
  sa_console *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->kind = kind;
  if (!(c->pipe_name = sa_strdup(pipe_name)) || (kind == SA_CONSOLE_COM && !(c->com = sa_com_start(pipe_name, banner, boot))) ||
      !(c->wname = (wchar_t *)sa_utf8_to_u16(pipe_name)) || !(c->stop = CreateEventW(NULL, TRUE, FALSE, NULL)))
    goto fail;
  sa_conns_init(&c->cc);
  if (sa_thread_start(&c->thread, server_thread, c)) return c;
  sa_conns_drain(&c->cc);
fail:
  if (c->stop) CloseHandle(c->stop);
  sa_com_stop(c->com);
  free(c->pipe_name);
  free(c->wname);
  free(c);
  return NULL;
}

void sa_console_stop(sa_console *c) {
  if (!c) return;
  SetEvent(c->stop);
  pthread_join(c->thread, NULL);
  sa_conns_drain(&c->cc);
  CloseHandle(c->stop);
  sa_com_stop(c->com);
  free(c->pipe_name);
  free(c->wname);
  free(c);
}

#endif
