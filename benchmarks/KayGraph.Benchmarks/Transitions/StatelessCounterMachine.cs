using System.Threading.Tasks;
using KayGraph.Benchmarks.Counting;
using Stateless;

namespace KayGraph.Benchmarks.Transitions;

/// <summary>
/// The counter loop driven by a Stateless state machine: states <c>Ping</c> and <c>Pong</c> permit <c>Continue</c> to each
/// other and <c>Stop</c> to <c>Done</c>. The loop runs the current node's three phases and fires the trigger that post
/// chose, so Stateless does exactly what KayGraph's dispatch does: pick the next node from the current one and an action.
/// The machine is configured once and reused; its state lives in a field reset before each run.
/// </summary>
public sealed class StatelessCounterMachine
{
    private readonly StateMachine<CounterState, CounterTrigger> _machine;
    private CounterState _state;

    /// <summary>Configures the machine.</summary>
    public StatelessCounterMachine()
    {
        _machine = new StateMachine<CounterState, CounterTrigger>(() => _state, state => _state = state);
        _machine.Configure(CounterState.Ping)
            .Permit(CounterTrigger.Continue, CounterState.Pong)
            .Permit(CounterTrigger.Stop, CounterState.Done);
        _machine.Configure(CounterState.Pong)
            .Permit(CounterTrigger.Continue, CounterState.Ping)
            .Permit(CounterTrigger.Stop, CounterState.Done);
    }

    /// <summary>The states: one per node, plus the end.</summary>
    public enum CounterState
    {
        /// <summary>The first node.</summary>
        Ping,

        /// <summary>The second node.</summary>
        Pong,

        /// <summary>The limit was reached.</summary>
        Done,
    }

    /// <summary>The triggers: the actions post can return.</summary>
    public enum CounterTrigger
    {
        /// <summary>Go on to the other node.</summary>
        Continue,

        /// <summary>End the loop.</summary>
        Stop,
    }

    /// <summary>Runs the loop with <see cref="StateMachine{TState, TTrigger}.Fire(TTrigger)"/>.</summary>
    /// <param name="store">The shared store.</param>
    /// <returns>The number of node runs.</returns>
    public int Run(CounterStore store)
    {
        _state = CounterState.Ping;
        var runs = 0;
        while (_machine.State != CounterState.Done)
        {
            runs++;
            var prep = CounterStep.Read(store);
            var exec = CounterStep.AddOne(prep);
            _machine.Fire(CounterStep.WriteBack(store, exec) ? CounterTrigger.Continue : CounterTrigger.Stop);
        }

        return runs;
    }

    /// <summary>
    /// Runs the loop with <see cref="StateMachine{TState, TTrigger}.FireAsync(TTrigger)"/>, awaiting phases shaped as
    /// asynchronous methods (completing synchronously), as an asynchronous node would.
    /// </summary>
    /// <param name="store">The shared store.</param>
    /// <returns>The number of node runs.</returns>
    public async Task<int> RunAsync(CounterStore store)
    {
        _state = CounterState.Ping;
        var runs = 0;
        while (_machine.State != CounterState.Done)
        {
            runs++;
            var prep = await new ValueTask<int>(CounterStep.Read(store)).ConfigureAwait(false);
            var exec = await new ValueTask<int>(CounterStep.AddOne(prep)).ConfigureAwait(false);
            var more = await new ValueTask<bool>(CounterStep.WriteBack(store, exec)).ConfigureAwait(false);
            await _machine.FireAsync(more ? CounterTrigger.Continue : CounterTrigger.Stop).ConfigureAwait(false);
        }

        return runs;
    }
}
