namespace Authy.Http;

/// <summary>
/// Where the HTTP core reports what it does (requests, retries). Called from worker threads: the
/// cmdlet base queues the lines and writes them on the pipeline thread.
/// </summary>
public interface IRequestLog
{
    void Verbose(string message);
}
