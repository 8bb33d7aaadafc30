#!/usr/bin/python3
"""Protocol scenarios for the workbook Jupyter kernel, driven through Debian's jupyter_client.

usage: protocol_driver.py SCENARIO SNIPPETS_JSON WORKDIR [KERNEL_NAME]

The kernelspec is found through JUPYTER_PATH (the test installs it into a temporary prefix). Each scenario starts
its own kernel, asserts, prints one JSON line of measurements prefixed with RESULT, and exits 0; any failed check
raises AssertionError (exit 1). The kernel's stderr goes to WORKDIR/kernel-stderr.log. Snippets are the cells in
the backend's language (C# for the engine), so the same scenarios run against the real engine and a scripted backend.
"""
import json
import os
import re
import statistics
import sys
import time

from jupyter_client.session import Session

from kernel_client import (TIMEOUT, alive, check, children_of, ctx_dealer, iopub_for, listening_sockets, no_reply,
                           of_type, raw_dealer, rejected_count, result_text, run, shell_reply, start, stop)
import kernel_client

SCENARIO, SNIPPETS_PATH, WORKDIR = sys.argv[1], sys.argv[2], sys.argv[3]
KERNEL_NAME = sys.argv[4] if len(sys.argv) > 4 else "workbook-csharp"
with open(SNIPPETS_PATH, encoding="utf-8") as f:
    S = json.load(f)
STDERR_LOG = os.path.join(WORKDIR, "kernel-stderr.log")
kernel_client.configure(KERNEL_NAME, STDERR_LOG)


def scenario_basics():
    km, kc = start()
    try:
        # the client's first heartbeat round trip is asynchronous: give it a few seconds after kernel_info
        deadline = time.monotonic() + 10
        while not kc.hb_channel.is_beating() and time.monotonic() < deadline:
            time.sleep(0.1)
        check(kc.hb_channel.is_beating(), "heartbeat is not beating")
        info_id = kc.kernel_info()
        info = shell_reply(kc, info_id)["content"]
        check(info["protocol_version"] == "5.3", f"protocol_version {info['protocol_version']}")
        check(info["language_info"]["name"] == "C#", f"language {info['language_info']}")
        check(info["status"] == "ok", f"kernel_info status {info}")

        reply, io = run(kc, S["set_x"])
        check(reply["content"]["status"] == "ok", f"set failed: {reply['content']}")
        first = reply["content"]["execution_count"]
        inputs = of_type(io, "execute_input")
        check(len(inputs) == 1 and inputs[0]["content"]["execution_count"] == first, f"execute_input {inputs}")

        reply, io = run(kc, S["get_x"])
        check(reply["content"]["execution_count"] == first + 1, f"count not incremented: {reply['content']}")
        check(result_text(io) == S["get_x_text"], f"value {result_text(io)!r}, expected {S['get_x_text']!r}")
        check(of_type(io, "execute_result")[0]["content"]["execution_count"] == first + 1, "execute_result count")

        reply, io = run(kc, S["print"])
        text = "".join(m["content"]["text"] for m in of_type(io, "stream") if m["content"]["name"] == "stdout")
        check(text == S["print_text"], f"stdout {text!r}, expected {S['print_text']!r}")

        reply, io = run(kc, S["display"])
        shown = of_type(io, "display_data")
        check(len(shown) >= 1 and "text/plain" in shown[0]["content"]["data"], f"display_data {shown}")

        reply, io = run(kc, S["set_x"], silent=True)
        check(reply["content"]["execution_count"] == first + 3, f"silent execute changed the count: {reply['content']}")
        check(not of_type(io, "execute_input"), "silent execute published execute_input")

        code = S["complete_code"]
        msg_id = kc.complete(code, len(code))
        complete = shell_reply(kc, msg_id)["content"]
        check(complete["status"] == "ok" and S["complete_match"] in complete["matches"], f"complete {complete}")
        check(0 <= complete["cursor_start"] <= complete["cursor_end"] == len(code), f"complete cursor {complete}")
        check([m["content"]["execution_state"] for m in iopub_for(kc, msg_id) if m["msg_type"] == "status"]
              == ["busy", "idle"], "complete not wrapped in busy/idle")

        code = S["inspect_code"]
        msg_id = kc.inspect(code, len(code) - 1)
        inspect = shell_reply(kc, msg_id)["content"]
        check(inspect["status"] == "ok" and inspect["found"] and S["inspect_text"] in inspect["data"]["text/plain"],
              f"inspect {inspect}")

        for code, expected in ((S["set_x"], "complete"), (S["incomplete_code"], "incomplete")):
            msg_id = kc.is_complete(code)
            answer = shell_reply(kc, msg_id)["content"]
            check(answer["status"] == expected, f"is_complete({code!r}) = {answer}, expected {expected}")

        msg_id = kc.comm_info()
        comm = shell_reply(kc, msg_id)["content"]
        check(comm == {"status": "ok", "comms": {}}, f"comm_info {comm}")

        msg = kc.session.msg("kernel_info_request", {})
        kc.control_channel.send(msg)
        control = kc.get_control_msg(timeout=TIMEOUT)
        check(control["msg_type"] == "kernel_info_reply" and control["parent_header"]["msg_id"] == msg["header"]["msg_id"],
              f"kernel_info on control: {control['msg_type']}")
        return {"first_count": first}
    finally:
        stop(km, kc)


def scenario_bad_signature():
    marker = os.path.join(WORKDIR, "executed-by-forged-message")
    touch = S["touch"].replace("{path}", marker)
    km, kc = start()
    try:
        sock = raw_dealer(km)
        forged = Session(key=b"not-the-key", username="attacker")
        forged.send(sock, "execute_request", {"code": touch, "silent": False, "store_history": True,
                                              "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        unsigned = Session(key=b"", username="attacker")
        unsigned.send(sock, "execute_request", {"code": touch, "silent": False, "store_history": True,
                                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        ctl = ctx_dealer(km.transport, km.ip, km.control_port)
        forged.send(ctl, "shutdown_request", {"restart": False})
        check(no_reply(sock, 2.0), "the kernel answered a forged or unsigned execute_request")
        check(no_reply(ctl, 0.2), "the kernel answered a forged shutdown_request")
        check(not os.path.exists(marker), "a forged execute_request was executed")
        check(km.is_alive(), "a forged shutdown_request stopped the kernel")

        # A correctly signed message executes once; the same frames replayed are rejected.
        good = kc.session
        msg = good.msg("execute_request", {"code": touch, "silent": False, "store_history": True,
                                           "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
        frames = good.serialize(msg)
        sock.send_multipart(frames)
        check(sock.poll(int(TIMEOUT * 1000)) != 0, "no reply to a correctly signed execute_request")
        _, reply = good.feed_identities(sock.recv_multipart())
        reply = good.deserialize(reply)
        check(reply["content"]["status"] == "ok", f"signed execute failed: {reply['content']}")
        check(os.path.exists(marker), "a correctly signed execute_request did not run")
        os.remove(marker)
        sock.send_multipart(frames)
        check(no_reply(sock, 2.0), "the kernel answered a replayed message")
        check(not os.path.exists(marker), "a replayed execute_request was executed")

        # Correctly signed but not JSON: rejected and logged. Signed JSON of the wrong shape: an error reply.
        header = good.pack(good.msg_header("execute_request"))
        parts = [header, b"{}", b"{}", b"not json"]
        sock.send_multipart([b"<IDS|MSG>", good.sign(parts)] + parts)
        check(no_reply(sock, 1.0), "the kernel answered a message whose content is not JSON")
        bad_shape = good.msg("execute_request", {"code": 5, "silent": False})
        sock.send_multipart(good.serialize(bad_shape))
        check(sock.poll(int(TIMEOUT * 1000)) != 0, "no reply to a signed execute_request with a number as code")
        _, reply = good.feed_identities(sock.recv_multipart())
        reply = good.deserialize(reply)
        check(reply["content"]["status"] == "error", f"malformed execute_request: {reply['content']}")

        reply, _ = run(kc, S["set_x"])
        check(reply["content"]["status"] == "ok", "kernel unusable after rejecting messages")
        time.sleep(0.2)
        rejected = rejected_count()
        check(rejected >= 5, f"expected 5 rejections logged on stderr, found {rejected}")
        return {"rejections_logged": rejected}
    finally:
        stop(km, kc)


def scenario_interrupt():
    return interrupt_with(lambda km: km.interrupt_kernel())


def scenario_interrupt_signal():
    """SIGINT (what interrupt_mode "signal" front ends and a terminal's Ctrl+C send) interrupts, never kills."""
    import signal
    result = interrupt_with(lambda km: os.kill(km.provisioner.process.pid, signal.SIGINT))
    return result


def interrupt_with(interrupt):
    km, kc = start()
    try:
        reply, _ = run(kc, S["set_x"])
        check(reply["content"]["status"] == "ok", "set failed")
        loop_id = start_loop(kc)
        time.sleep(1.0)
        check(km.is_alive(), "kernel died while looping")
        t0 = time.monotonic()
        interrupt(km)
        reply = shell_reply(kc, loop_id, timeout=30)
        stopped = time.monotonic() - t0
        check(reply["content"]["status"] == "error", f"interrupted cell reply {reply['content']}")
        ename = reply["content"].get("ename")
        iopub_for(kc, loop_id)
        reply, io = run(kc, S["get_x"])
        check(reply["content"]["status"] == "ok", f"cell after interrupt failed: {reply['content']}")
        check(result_text(io) == S["get_x_text"], "state lost after interrupt")
        time.sleep(2.5)
        check(km.is_alive(), "the kernel died after the interrupt")
        return {"interrupt_to_reply_ms": round(stopped * 1000, 1), "ename": ename}
    finally:
        stop(km, kc)


def scenario_crash():
    km, kc = start()
    try:
        run(kc, S["set_x"])
        reply, io = run(kc, S["throw"])
        check(reply["content"]["status"] == "error", f"throwing cell reply {reply['content']}")
        errors = of_type(io, "error")
        check(len(errors) == 1 and S["throw_text"] in errors[0]["content"]["evalue"], f"error output {errors}")
        check(errors[0]["content"]["traceback"], "error output has no traceback")
        check(km.is_alive(), "a throwing cell killed the kernel")
        reply, io = run(kc, S["get_x"])
        check(result_text(io) == S["get_x_text"], "state lost after a throwing cell")

        # stop_on_error: a request queued behind a failing cell is aborted, later ones run.
        failing = kc.execute(S["throw"])
        queued = kc.execute(S["get_x"])
        check(shell_reply(kc, failing)["content"]["status"] == "error", "failing cell did not fail")
        check(shell_reply(kc, queued)["content"]["status"] == "aborted", "cell queued behind an error was not aborted")
        reply, io = run(kc, S["get_x"])
        check(reply["content"]["status"] == "ok", "kernel does not run cells after an abort")
        return {"aborted_queued": True}
    finally:
        stop(km, kc)


def scenario_shutdown():
    km, kc = start()
    process = km.provisioner.process
    pid = process.pid
    kids = children_of(pid)
    run(kc, S["set_x"])
    msg_id = kc.shutdown(restart=False)
    reply = kc.get_control_msg(timeout=TIMEOUT)
    check(reply["msg_type"] == "shutdown_reply" and reply["parent_header"]["msg_id"] == msg_id, f"reply {reply['msg_type']}")
    t0 = time.monotonic()
    code = process.wait(timeout=15)
    exited = time.monotonic() - t0
    check(code == 0, f"kernel exit code {code}")
    left = [p for p in [pid] + kids if alive(p)]
    check(not left, f"processes left after shutdown: {left}")
    kc.stop_channels()
    km.cleanup_resources()
    return {"exit_code": code, "exit_after_reply_ms": round(exited * 1000, 1), "children_before": len(kids)}


def scenario_shutdown_busy():
    """shutdown_request while a cell spins in a loop: the kernel still exits by itself."""
    km, kc = start()
    process = km.provisioner.process
    run(kc, S["set_x"])
    loop_id = start_loop(kc)
    time.sleep(0.5)
    t0 = time.monotonic()
    msg_id = kc.shutdown(restart=False)
    reply = kc.get_control_msg(timeout=TIMEOUT)
    check(reply["msg_type"] == "shutdown_reply" and reply["parent_header"]["msg_id"] == msg_id, "no shutdown_reply while busy")
    code = process.wait(timeout=15)
    exited = time.monotonic() - t0
    check(code == 0, f"kernel exit code {code}")
    check(not alive(process.pid), "kernel process left")
    kc.stop_channels()
    km.cleanup_resources()
    return {"exit_code": code, "exit_after_request_ms": round(exited * 1000, 1)}


def scenario_orphan():
    """The kernel exits when the process that started it dies (no orphaned kernels)."""
    import subprocess
    import signal
    child = subprocess.Popen([sys.executable, "-c", f"""
import sys, time
sys.argv = {[sys.argv[0], "basics", SNIPPETS_PATH, WORKDIR, KERNEL_NAME]!r}
from jupyter_client.manager import KernelManager
km = KernelManager(kernel_name={KERNEL_NAME!r})
km.start_kernel(stderr=open({STDERR_LOG!r}, "a"))
kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=60)
print(km.provisioner.process.pid, flush=True)
time.sleep(600)
"""], stdout=subprocess.PIPE, text=True)
    pid = int(child.stdout.readline())
    check(alive(pid), "kernel did not start")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 15
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    check(not alive(pid), "the kernel outlived the process that started it by 15 s")
    return {"orphan_exit": True}


def scenario_listeners():
    """The kernel listens on the connection file's five ports at its address, and nowhere else."""
    km, kc = start()
    try:
        run(kc, S["set_x"])
        listening = sorted(listening_sockets(km.provisioner.process.pid))
        expected = sorted((km.ip, port) for port in
                          (km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port))
        check(listening == expected, f"listening on {listening}, expected exactly {expected}")
        return {"listening": [f"{ip}:{port}" for ip, port in listening]}
    finally:
        stop(km, kc)


def scenario_stdin():
    """Console.ReadLine asks the front end (input_request) when stdin is allowed; gives end of input otherwise."""
    km, kc = start()
    try:
        msg_id = kc.execute(S["read_line"], allow_stdin=True)
        request = kc.get_stdin_msg(timeout=TIMEOUT)
        check(request["msg_type"] == "input_request" and request["parent_header"]["msg_id"] == msg_id,
              f"expected input_request for the cell, got {request['msg_type']}")
        kc.input("Ada")
        reply = shell_reply(kc, msg_id)
        io = iopub_for(kc, msg_id)
        check(reply["content"]["status"] == "ok", f"reading cell failed: {reply['content']}")
        text = "".join(m["content"]["text"] for m in of_type(io, "stream"))
        check(text == S["read_line_text"], f"stdout {text!r}, expected {S['read_line_text']!r}")
        reply, io = run(kc, S["read_line_eof"], allow_stdin=False)
        check(result_text(io) == S["read_line_eof_text"], f"without stdin: {result_text(io)!r}")
        return {"input_reply": "Ada"}
    finally:
        stop(km, kc)


def scenario_restart():
    km, kc = start()
    try:
        old = km.provisioner.process
        run(kc, S["set_x"])
        reply, io = run(kc, S["get_x"])
        check(result_text(io) == S["get_x_text"], "set/get before restart")
        t0 = time.monotonic()
        km.restart_kernel(now=False)
        took = time.monotonic() - t0
        check(old.poll() == 0, f"old kernel did not exit cleanly: {old.poll()}")
        check(took < km.shutdown_wait_time, f"restart took {took:.1f}s: the old kernel had to be killed")
        kc.wait_for_ready(timeout=TIMEOUT)
        check(km.provisioner.process.pid != old.pid, "restart kept the same process")
        reply, io = run(kc, S["get_x"])
        check(reply["content"]["status"] == "error", f"state survived restart: {reply['content']}")
        reply, io = run(kc, S["set_x"])
        check(reply["content"]["status"] == "ok", "kernel unusable after restart")
        return {"restart_s": round(took, 2)}
    finally:
        stop(km, kc)


def scenario_chart_ids():
    """A chart before and after a kernel restart: element ids differ (unique per kernel process), plotly.js inlined in each."""
    km, kc = start()
    try:
        charts = []
        for attempt in range(2):
            reply, io = run(kc, S["chart"])
            check(reply["content"]["status"] == "ok", f"chart cell failed: {reply['content']}")
            html = "".join(m["content"]["data"].get("text/html", "") for m in of_type(io, "execute_result"))
            ids = re.findall(r'<div id="([^"]+)" class="workbook-plotly">', html)
            check(len(ids) == 1, f"expected one chart, got {ids}: {html[:300]}")
            charts.append({"id": ids[0], "inlined": "inlined by the workbook engine" in html,
                           "count": reply["content"]["execution_count"]})
            if attempt == 0:
                km.restart_kernel(now=False)
                kc.wait_for_ready(timeout=TIMEOUT)
        return {"charts": charts}
    finally:
        stop(km, kc)


def scenario_latency():
    n = int(os.environ.get("WORKBOOK_LATENCY_N", "200"))
    km, kc = start()
    try:
        run(kc, S["set_x"])
        for _ in range(20):
            run(kc, S["trivial"])
        reply_ms, idle_ms = [], []
        for _ in range(n):
            t0 = time.perf_counter()
            msg_id = kc.execute(S["trivial"])
            reply = shell_reply(kc, msg_id)
            t1 = time.perf_counter()
            iopub_for(kc, msg_id)
            t2 = time.perf_counter()
            check(reply["content"]["status"] == "ok", f"trivial cell failed {reply['content']}")
            reply_ms.append((t1 - t0) * 1000)
            idle_ms.append((t2 - t0) * 1000)
        reply_ms.sort()
        return {"n": n, "trivial": S["trivial"],
                "reply_median_ms": round(statistics.median(reply_ms), 3),
                "reply_p90_ms": round(reply_ms[int(0.9 * n)], 3),
                "reply_min_ms": round(reply_ms[0], 3),
                "idle_median_ms": round(statistics.median(idle_ms), 3)}
    finally:
        stop(km, kc)


def scenario_control_execute():
    """A signed execute_request on control gets an error reply at once and never runs; a later interrupt is served."""
    marker = os.path.join(WORKDIR, "executed-on-control")
    km, kc = start()
    try:
        ctl = ctx_dealer(km.transport, km.ip, km.control_port)
        session = kc.session
        session.send(ctl, "execute_request", {"code": S["touch"].replace("{path}", marker) + "\n" + S["loop"], "silent": False,
                                              "store_history": True, "user_expressions": {}, "allow_stdin": False,
                                              "stop_on_error": True})
        check(ctl.poll(int(TIMEOUT * 1000)) != 0, "no reply to an execute_request on control")
        _, frames = session.feed_identities(ctl.recv_multipart())
        reply = session.deserialize(frames)
        check(reply["content"]["status"] == "error", f"execute on control: {reply['content']}")
        time.sleep(0.5)
        check(not os.path.exists(marker), "an execute_request sent on control was executed")
        result = interrupt_after_loop(km, kc)
        result["wrong_channel_ename"] = reply["content"]["ename"]
        return result
    finally:
        stop(km, kc)


def start_loop(kc):
    """Executes the loop snippet and returns its msg_id once the kernel has started it."""
    loop_id = kc.execute(S["loop"])
    deadline = time.monotonic() + TIMEOUT
    while True:
        msg = kc.get_iopub_msg(timeout=max(0.01, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == loop_id and msg["msg_type"] == "execute_input":
            return loop_id


def interrupt_after_loop(km, kc):
    loop_id = start_loop(kc)
    time.sleep(0.5)
    t0 = time.monotonic()
    km.interrupt_kernel()
    reply = shell_reply(kc, loop_id, timeout=30)
    check(reply["content"]["status"] == "error", f"interrupted cell reply {reply['content']}")
    return {"interrupt_to_reply_ms": round((time.monotonic() - t0) * 1000, 1), "ename": reply["content"].get("ename")}


def status_kb(pid, field):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def scenario_huge_message():
    """An unsigned 200 MB message is refused before it is buffered: the kernel's peak RSS barely moves."""
    km, kc = start()
    try:
        reply, _ = run(kc, S["set_x"])
        check(reply["content"]["status"] == "ok", "set failed")
        pid = km.provisioner.process.pid
        time.sleep(1.0)
        rss_before = status_kb(pid, "VmRSS")
        peak_before = status_kb(pid, "VmHWM")
        sock = raw_dealer(km)
        big = b"x" * (200 * 1024 * 1024)
        sock.send_multipart([b"<IDS|MSG>", b"", b"{}", b"{}", b"{}", big], copy=False)
        del big
        time.sleep(4.0)
        check(km.is_alive(), "the kernel died on a 200 MB message")
        reply, io = run(kc, S["get_x"])
        check(reply["content"]["status"] == "ok" and result_text(io) == S["get_x_text"], "kernel unusable after a 200 MB message")
        return {"rss_before_mb": round(rss_before / 1024, 1), "rss_after_mb": round(status_kb(pid, "VmRSS") / 1024, 1),
                "peak_before_mb": round(peak_before / 1024, 1), "peak_after_mb": round(status_kb(pid, "VmHWM") / 1024, 1)}
    finally:
        stop(km, kc)


if __name__ == "__main__":
    started = time.monotonic()
    result = globals()["scenario_" + SCENARIO]()
    result["scenario"] = SCENARIO
    result["seconds"] = round(time.monotonic() - started, 2)
    print("RESULT " + json.dumps(result), flush=True)
