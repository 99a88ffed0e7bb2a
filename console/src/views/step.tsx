import type { ComponentChildren } from "preact";

/** One step of the page's flow: a numbered section that says whether it is done, and what it waits for. */
export function Step(props: { number: number; title: string; done: boolean; locked: string | null; children: ComponentChildren }) {
  const id = `step-${props.number}`;
  const state = props.done ? "done" : props.locked ? "locked" : "open";
  return (
    <li class={`step step-${state}`} data-step={props.number} data-state={state}>
      <section aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>
          <span class="step-number">Step {props.number} of 7</span> {props.title}
          <span class="step-state">{props.done ? " — done" : props.locked ? " — waiting" : ""}</span>
        </h2>
        {props.locked && !props.done && <p class="help">{props.locked}</p>}
        {props.children}
      </section>
    </li>
  );
}
