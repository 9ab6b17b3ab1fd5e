/** Process entry (`npm start`): starts the app by role (src/serve.ts). */
import './serve.ts';
