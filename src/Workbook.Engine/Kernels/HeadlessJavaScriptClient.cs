using System.Reactive.Subjects;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Events;

namespace Workbook.Engine.Kernels;

/// <summary>
/// The front-end side of the <c>javascript</c> kernel when there is no browser (headless runs, the HTML export, the Jupyter
/// kernel): nothing runs JavaScript here. <see cref="Microsoft.DotNet.Interactive.JavaScriptKernel"/> itself turns a
/// submission into a <c>text/html</c> script output that runs where the notebook is shown; commands forwarded to the
/// browser end are acknowledged so nothing waits for a front end that is not there.
/// </summary>
internal sealed class HeadlessJavaScriptClient : KernelClientBase
{
    private readonly Subject<KernelEvent> _events = new();

    public override IObservable<KernelEvent> KernelEvents => _events;

    public override Task SendAsync(KernelCommand command, string? token = null)
    {
        _events.OnNext(new CommandSucceeded(command));
        return Task.CompletedTask;
    }
}
