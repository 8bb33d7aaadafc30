"""Helpers for driving a Jupyter kernel through Debian's jupyter_client in the workbook kernel's tests.

configure() sets the kernel name, where the kernel's stderr goes and the timeout; the rest are small checked steps
(start a kernel, execute and collect iopub until idle, inspect the kernel process through /proc).
"""
import os
import time

import zmq
from jupyter_client.manager import KernelManager

KERNEL_NAME = "workbook-csharp"
STDERR_LOG = os.devnull
TIMEOUT = float(os.environ.get("WORKBOOK_KERNEL_TIMEOUT", "60"))


def configure(kernel_name, stderr_log):
    global KERNEL_NAME, STDERR_LOG
    KERNEL_NAME, STDERR_LOG = kernel_name, stderr_log


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def start():
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(stderr=open(STDERR_LOG, "a", encoding="utf-8"))
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


def iopub_for(kc, msg_id, timeout=TIMEOUT):
    """iopub messages whose parent is msg_id, up to and including status idle."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        check(remaining > 0, f"no idle status for {msg_id} within {timeout}s; got {[m['msg_type'] for m in seen]}")
        msg = kc.get_iopub_msg(timeout=remaining)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        seen.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return seen


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def run(kc, code, **kw):
    msg_id = kc.execute(code, **kw)
    reply = shell_reply(kc, msg_id)
    io = iopub_for(kc, msg_id)
    check(io[0]["msg_type"] == "status" and io[0]["content"]["execution_state"] == "busy",
          f"first iopub message for execute is not status busy: {[m['msg_type'] for m in io]}")
    return reply, io


def of_type(io, msg_type):
    return [m for m in io if m["msg_type"] == msg_type]


def result_text(io):
    results = of_type(io, "execute_result")
    check(len(results) == 1, f"expected one execute_result, got {[m['msg_type'] for m in io]}")
    return results[0]["content"]["data"]["text/plain"]


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def rejected_count():
    with open(STDERR_LOG, encoding="utf-8") as f:
        return sum(1 for line in f if "rejected a message" in line)


def children_of(pid):
    kids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == pid:
                    kids.append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return kids


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def raw_dealer(km):
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
    return sock


def no_reply(sock, seconds):
    return sock.poll(int(seconds * 1000)) == 0


def ctx_dealer(transport, ip, port):
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"{transport}://{ip}:{port}")
    return sock


def listening_sockets(pid):
    """(address, port) of every TCP socket the process listens on, from /proc (IPv4 and IPv6)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="utf-8") as f:
            next(f)
            for line in f:
                parts = line.split()
                local, state, inode = parts[1], parts[3], parts[9]
                if state == "0A" and inode in inodes:
                    address, port = local.split(":")
                    if len(address) == 8:
                        ip = ".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0))
                    else:
                        ip = "ipv6:" + address
                    found.append((ip, int(port, 16)))
    return found
