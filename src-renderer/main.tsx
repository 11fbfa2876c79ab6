import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

if (window.bizlens) {
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  // Without the bridge nothing works; say so plainly instead of failing on the first call.
  container.innerHTML =
    '<p class="fatal" role="alert">Bizlens could not connect to its background service. Close this window and start Bizlens again.</p>';
}
