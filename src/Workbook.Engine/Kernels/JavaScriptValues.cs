using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Workbook.Engine.Kernels;

/// <summary>
/// Value sharing with the <c>javascript</c> kernel when no browser is attached. A value sent to it (<c>#!set --name x
/// --value @csharp:x</c> in a <c>#!javascript</c> cell, or <c>#!share</c>) becomes a script output
/// <c>globalThis["x"] = &lt;JSON&gt;;</c> that runs before the cell's own script where the notebook is shown, and is
/// remembered, so other kernels can read it back (<c>#!set --value @javascript:x</c>). A value computed only by
/// JavaScript in the browser cannot be read headless: that request fails with a message saying so.
/// </summary>
internal static class JavaScriptValues
{
    public static JavaScriptKernel UseHeadlessValueSharing(this JavaScriptKernel kernel)
    {
        var values = new ConcurrentDictionary<string, (object? Value, string Json)>(StringComparer.Ordinal);
        kernel.AddMiddleware(async (command, context, next) =>
        {
            if (command is not SendValue send)
            {
                await next(command, context).ConfigureAwait(false);
                return;
            }
            var json = send.FormattedValue is { MimeType: JsonFormatter.MimeType } f ? f.Value : JsonSerializer.Serialize(send.Value);
            values[send.Name] = (send.Value, json);
            var code = $"globalThis[{JsonSerializer.Serialize(send.Name)}] = {json};";
            var script = $"<script type=\"text/javascript\">{code}</script>";
            context.Publish(new DisplayedValueProduced(script, send, [new FormattedValue("text/html", script), new FormattedValue("application/javascript", code)]));
        }, "headless-value-sharing");
        kernel.RegisterCommandHandler<RequestValue>((request, context) =>
        {
            if (!values.TryGetValue(request.Name, out var v))
            {
                context.Fail(request, message: $"the javascript kernel has no value \"{request.Name}\" here: JavaScript runs only in the page, so only values sent to it (#!set, #!share) can be read back headless");
                return Task.CompletedTask;
            }
            context.Publish(new ValueProduced(v.Value, request.Name, new FormattedValue(JsonFormatter.MimeType, v.Json), request));
            return Task.CompletedTask;
        });
        return kernel;
    }
}
