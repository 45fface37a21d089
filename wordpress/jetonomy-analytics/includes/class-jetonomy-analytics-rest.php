<?php
/**
 * REST routes under jetonomy/v1/analytics (docs/rest-api.md).
 *
 * @package Jetonomy_Analytics
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers and serves the routes.
 */
class Jetonomy_Analytics_Rest {

	const NS = 'jetonomy/v1';

	/**
	 * Registers every route.
	 */
	public static function register() {
		$read = array( __CLASS__, 'can_read' );
		register_rest_route(
			self::NS,
			'/analytics/report',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( __CLASS__, 'get_report' ),
				'permission_callback' => $read,
				'args'                => self::range_args() + array(
					'path'  => self::path_arg(),
					'top_n' => array(
						'description'       => 'How many rows of each ranked table the report carries.',
						'type'              => 'integer',
						'default'           => 10,
						'minimum'           => 0,
						'maximum'           => 100,
						'validate_callback' => 'rest_validate_request_arg',
						'sanitize_callback' => 'absint',
					),
				),
			)
		);
		foreach ( array( 'top-spaces', 'top-contributors', 'daily' ) as $table ) {
			register_rest_route(
				self::NS,
				'/analytics/' . $table,
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => static function ( WP_REST_Request $request ) use ( $table ) {
						return self::get_rows( $table, $request );
					},
					'permission_callback' => $read,
					'args'                => self::range_args() + array(
						'path'     => self::path_arg(),
						'page'     => array(
							'description'       => 'Page, from 1.',
							'type'              => 'integer',
							'default'           => 1,
							'minimum'           => 1,
							'validate_callback' => 'rest_validate_request_arg',
							'sanitize_callback' => 'absint',
						),
						'per_page' => array(
							'description'       => 'Rows per page.',
							'type'              => 'integer',
							'default'           => 10,
							'minimum'           => 1,
							'maximum'           => 100,
							'validate_callback' => 'rest_validate_request_arg',
							'sanitize_callback' => 'absint',
						),
					),
				)
			);
		}
		register_rest_route(
			self::NS,
			'/analytics/diff-report',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( __CLASS__, 'get_diff_report' ),
				'permission_callback' => $read,
				'args'                => self::range_args( true ) + array(
					'range' => array(
						'description'       => 'A preset; when given, start and end are ignored.',
						'type'              => 'string',
						'enum'              => Jetonomy_Analytics_Dates::PRESETS,
						'default'           => '',
						'validate_callback' => array( __CLASS__, 'validate_preset' ),
						'sanitize_callback' => static function ( $value ) {
							return is_string( $value ) ? $value : '';
						},
					),
				),
			)
		);
		register_rest_route(
			self::NS,
			'/analytics/events',
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( __CLASS__, 'post_events' ),
				'permission_callback' => static function () {
					return current_user_can( 'jetonomy_ingest_analytics' );
				},
			)
		);
		register_rest_route(
			self::NS,
			'/analytics/aggregator',
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => array( __CLASS__, 'post_aggregator' ),
				'permission_callback' => static function () {
					return current_user_can( 'manage_options' );
				},
				'args'                => array(
					'action' => array(
						'description'       => 'restart: empty the rollups and record from `since`; stop: stop maintaining them; status: just report.',
						'type'              => 'string',
						'enum'              => array( 'restart', 'stop', 'status' ),
						'required'          => true,
						'validate_callback' => 'rest_validate_request_arg',
					),
					'since'  => array(
						'description'       => 'Recording since, epoch ms (restart only); null or absent means now.',
						'type'              => array( 'integer', 'null' ),
						'default'           => null,
						'validate_callback' => 'rest_validate_request_arg',
					),
				),
			)
		);
		register_rest_route(
			self::NS,
			'/analytics/reset',
			array(
				'methods'             => WP_REST_Server::CREATABLE,
				'callback'            => static function () {
					Jetonomy_Analytics_Schema::reset();
					Jetonomy_Analytics_Reports::flush_cache();
					return rest_ensure_response( array( 'reset' => true ) + Jetonomy_Analytics_Aggregator::state() );
				},
				'permission_callback' => static function () {
					return current_user_can( 'manage_options' );
				},
			)
		);
	}

	/**
	 * Who may read analytics.
	 *
	 * @return bool
	 */
	public static function can_read() {
		return current_user_can( jetonomy_analytics_capability() );
	}

	/**
	 * The start/end args.
	 *
	 * @param bool $preset_wins Whether a `range` preset makes them optional (diff-report).
	 * @return array
	 */
	private static function range_args( $preset_wins = false ) {
		$arg = static function ( $name, $description ) use ( $preset_wins ) {
			return array(
				'description'       => $description,
				'type'              => 'string',
				'format'            => 'date',
				'default'           => '',
				'sanitize_callback' => static function ( $value ) {
					return is_string( $value ) ? $value : '';
				},
				'validate_callback' => static function ( $value, $request, $param ) use ( $preset_wins ) {
					return self::validate_range_param( $value, $request, $param, $preset_wins );
				},
			);
		};
		return array(
			'start' => $arg( 'start', 'First local date of the range, YYYY-MM-DD (inclusive).' ),
			'end'   => $arg( 'end', 'Last local date of the range, YYYY-MM-DD (inclusive); at most 5 years after start.' ),
		);
	}

	/**
	 * The path arg.
	 *
	 * @return array
	 */
	private static function path_arg() {
		return array(
			'description'       => 'direct (core tables) or aggregate (rollups).',
			'type'              => 'string',
			'enum'              => array( 'direct', 'aggregate' ),
			'default'           => 'direct',
			'sanitize_callback' => static function ( $value ) {
				return 'aggregate' === $value ? 'aggregate' : 'direct';
			},
			'validate_callback' => static function ( $value ) {
				if ( '' === $value || 'direct' === $value || 'aggregate' === $value ) {
					return true;
				}
				return new WP_Error( 'rest_invalid_param', 'path is not one of direct, aggregate: "' . ( is_scalar( $value ) ? $value : '' ) . '".' );
			},
		);
	}

	/**
	 * Validates start or end (format, real date, order, 5-year span), naming the parameter as the mock does.
	 *
	 * @param mixed           $value       Value.
	 * @param WP_REST_Request $request     Request.
	 * @param string          $param       'start' or 'end'.
	 * @param bool            $preset_wins Whether a range preset makes this moot.
	 * @return true|WP_Error
	 */
	public static function validate_range_param( $value, $request, $param, $preset_wins ) {
		if ( $preset_wins ) {
			$range = $request->get_param( 'range' );
			if ( null !== $range && '' !== $range ) {
				return true;
			}
		}
		$problem = Jetonomy_Analytics_Dates::range_problem( $request->get_param( 'start' ), $request->get_param( 'end' ) );
		if ( null !== $problem && $problem[0] === $param ) {
			return new WP_Error( 'rest_invalid_param', $problem[1] );
		}
		if ( null !== $problem && 'end' === $param && 'start' === $problem[0] ) {
			// start is reported; check end on its own so each parameter gets its own message.
			$own = is_string( $value ) ? Jetonomy_Analytics_Dates::date_problem( $value ) : 'x';
			if ( '' === $value || null === $value ) {
				return new WP_Error( 'rest_invalid_param', 'end is a required date YYYY-MM-DD.' );
			}
			if ( null !== $own ) {
				return new WP_Error( 'rest_invalid_param', ! is_string( $value ) || ! preg_match( '/^\d{4}-\d{2}-\d{2}$/D', $value ) ? 'end is not a date YYYY-MM-DD: "' . ( is_scalar( $value ) ? $value : '' ) . '".' : 'The range end ' . $own . '.' );
			}
		}
		return true;
	}

	/**
	 * Validates a range preset.
	 *
	 * @param mixed $value Value.
	 * @return true|WP_Error
	 */
	public static function validate_preset( $value ) {
		if ( '' === $value || in_array( $value, Jetonomy_Analytics_Dates::PRESETS, true ) ) {
			return true;
		}
		return new WP_Error( 'rest_invalid_param', 'range is not one of 7d, 30d, 90d, this_month, last_month: "' . ( is_scalar( $value ) ? $value : '' ) . '".' );
	}

	/**
	 * The path param, defaulted.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return string
	 */
	private static function path( WP_REST_Request $request ) {
		return 'aggregate' === $request->get_param( 'path' ) ? 'aggregate' : 'direct';
	}

	/**
	 * GET /report.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function get_report( WP_REST_Request $request ) {
		$report = Jetonomy_Analytics_Reports::report( $request['start'], $request['end'], self::path( $request ), (int) $request['top_n'] );
		return rest_ensure_response( $report );
	}

	/**
	 * GET /top-spaces, /top-contributors, /daily.
	 *
	 * @param string          $table   Table.
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function get_rows( $table, WP_REST_Request $request ) {
		$page     = max( 1, (int) $request['page'] );
		$per_page = max( 1, min( 100, (int) $request['per_page'] ) );
		$offset   = ( $page - 1 ) * $per_page;
		list( $total, $rows ) = Jetonomy_Analytics_Reports::rows( $table, $request['start'], $request['end'], self::path( $request ), $offset, $per_page );
		$response = rest_ensure_response( $rows );
		$response->header( 'X-WP-Total', (string) $total );
		$response->header( 'X-WP-TotalPages', (string) max( 1, (int) ceil( $total / $per_page ) ) );
		return $response;
	}

	/**
	 * GET /diff-report.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function get_diff_report( WP_REST_Request $request ) {
		$preset = $request->get_param( 'range' );
		if ( is_string( $preset ) && '' !== $preset ) {
			$range = Jetonomy_Analytics_Dates::preset_range( $preset );
			$label = $preset;
		} else {
			$range = array(
				'start' => $request['start'],
				'end'   => $request['end'],
			);
			$label = $range['start'] . '..' . $range['end'];
		}
		return rest_ensure_response( Jetonomy_Analytics_Reports::diff_report( $label, $range['start'], $range['end'] ) );
	}

	/**
	 * POST /events: a JSON array of events.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function post_events( WP_REST_Request $request ) {
		$events = json_decode( $request->get_body(), false );
		if ( ! is_array( $events ) ) {
			return new WP_Error( 'jetonomy_analytics_invalid_batch', 'The body must be a JSON array of events.', array( 'status' => 400 ) );
		}
		if ( count( $events ) > Jetonomy_Analytics_Ingest::MAX_BATCH ) {
			return new WP_Error(
				'jetonomy_analytics_batch_too_large',
				sprintf( 'A batch holds at most %1$d events; this one has %2$d. Split it.', Jetonomy_Analytics_Ingest::MAX_BATCH, count( $events ) ),
				array( 'status' => 400 )
			);
		}
		foreach ( $events as $i => $e ) {
			// A JSON array is not an event; objects become associative arrays.
			$events[ $i ] = $e instanceof stdClass ? (array) $e : ( is_array( $e ) ? null : $e );
		}
		$result = Jetonomy_Analytics_Ingest::ingest( $events );
		Jetonomy_Analytics_Reports::flush_cache();
		return rest_ensure_response( $result );
	}

	/**
	 * POST /aggregator.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response
	 */
	public static function post_aggregator( WP_REST_Request $request ) {
		$action = $request['action'];
		if ( 'restart' === $action ) {
			$since = $request['since'];
			Jetonomy_Analytics_Aggregator::restart( null === $since ? null : (int) $since );
		} elseif ( 'stop' === $action ) {
			Jetonomy_Analytics_Aggregator::stop();
		}
		Jetonomy_Analytics_Reports::flush_cache();
		return rest_ensure_response( Jetonomy_Analytics_Aggregator::state() );
	}
}
