import { render } from 'preact';

render(<div data-testid="sidebar-root">Frontline</div>, document.getElementById('app')!);
